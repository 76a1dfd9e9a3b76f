import ArgumentParser
import Foundation
import ZenGlowIngest
import ZenGlowSpool

/// `zenglow spool append --stream NAME`: JSON lines on stdin, one batch each, appended as frames to
/// a segment that is sealed into incoming/ at the size or age limit and at the end of input.
struct SpoolAppendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append batches read from stdin (one JSON object per line) to the stream's segments.",
        discussion: """
            Each line is checked as the worker would check it; a bad line stops the command with its line \
            number and problem after the lines before it are sealed. Segments are sealed (renamed into \
            incoming/) at --max-bytes, --max-age, and when stdin ends.
            """
    )

    @OptionGroup var options: SpoolOptions

    @Option(help: "The stream's name; segments are named NAME-<ms>-<pid>-<n>.segment.")
    var stream: String

    @Option(help: "The tenant for lines that name none.")
    var tenant: String?

    @Option(help: "Seal a segment at this size in bytes (overrides SPOOL_SEGMENT_MAX_BYTES; default 64 MiB).")
    var maxBytes: Int?

    @Option(
        help: "Seal a segment this many seconds after its first frame (overrides SPOOL_SEGMENT_MAX_AGE; default 600).")
    var maxAge: Double?

    func validate() throws {
        if let maxBytes, maxBytes < 1024 { throw ValidationError("--max-bytes must be at least 1024") }
        if let maxAge, !(maxAge > 0) { throw ValidationError("--max-age must be more than 0 seconds") }
    }

    func run() async throws {
        try await CommandFailure.reporting("spool append") {
            let configuration = try await SpoolSettings.load(options)
            try configuration.directory.check()
            let appender = try SegmentAppender(
                directory: configuration.directory, stream: stream, maxBytes: maxBytes ?? configuration.segmentMaxBytes,
                maxAge: maxAge.map { .milliseconds(Int($0 * 1000)) } ?? configuration.segmentMaxAge)
            for name in try await appender.recoverAbandoned() {
                FileHandle.standardError.write(
                    Data("sealed incoming/\(name), left open by an appender that died\n".utf8))
            }
            // SIGTERM and Ctrl-C seal what was appended before the command exits.
            let stop = SpoolAppendSignals.sealOnSignal(appender)
            defer { stop.forEach { $0.cancel() } }
            let ticker = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(50))
                    try? await appender.sealIfDue()
                }
            }
            defer { ticker.cancel() }
            let reader = SpoolFileReader(
                maxFileBytes: configuration.maxFileBytes, maxDecompressedBytes: configuration.maxDecompressedBytes)
            var lineNumber = 0
            var appended = 0
            do {
                for await line in StandardInputLines() {
                    lineNumber += 1
                    guard !line.allSatisfy(\.isWhitespace) else { continue }
                    let payload: [UInt8]
                    do {
                        let value = try MessagePackValue.spoolBatch(json: Data(line.utf8), tenant: tenant)
                        payload = MessagePackEncoder.encode(value)
                        if let failure = reader.decode(payload, kind: .batch(compressed: false)).failures.first {
                            throw failure
                        }
                    } catch {
                        throw SpoolError(
                            "stdin line \(lineNumber): \(error); earlier lines are sealed, this one and later ones were not appended"
                        )
                    }
                    try await appender.append(payload)
                    appended += 1
                }
            } catch {
                try await appender.seal()
                throw error
            }
            try await appender.seal()
            let sealed = await appender.sealed
            FileHandle.standardError.write(
                Data("appended \(appended) batches in \(sealed.count) segments to stream \(stream)\n".utf8))
        }
    }
}
