import ArgumentParser
import ZenGlowSpool

/// `zenglow spool put FILE…`: publishes files into incoming/ by the maildir rule.
struct SpoolPutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put",
        abstract: "Check files and publish them into SPOOL_DIR/incoming (hidden temporary name, fsync, rename).",
        discussion: """
            Takes .msgpack, .msgpack.zst, .segment and .segment.zst files as they are, and .json files (one \
            batch, the fields of POST /ingest/batches plus "tenant") converted to .msgpack. Every file is \
            read as the worker would read it first; if any is refused, none is published.
            """
    )

    @OptionGroup var options: SpoolOptions

    @Argument(help: "The files to publish.")
    var files: [String]

    @Option(help: "The tenant for .json batches that name none.")
    var tenant: String?

    @Flag(help: "Store the files zstd-compressed (.zst).")
    var compress = false

    func run() async throws {
        try await CommandFailure.reporting("spool put") {
            let configuration = try await SpoolSettings.load(options)
            try configuration.directory.check()
            let publisher = SpoolPublisher(
                directory: configuration.directory,
                reader: SpoolFileReader(
                    maxFileBytes: configuration.maxFileBytes, maxDecompressedBytes: configuration.maxDecompressedBytes))
            let prepared = try files.map { try publisher.prepare($0, tenant: tenant, compress: compress) }
            for file in prepared {
                let name = try publisher.publish(file)
                print("published \(file.source) as incoming/\(name) (\(file.batches) batches)")
            }
        }
    }
}
