import Foundation
import ZenGlowEmbedding

extension EmbedBenchmark {
    /// Installs the peer's private venv on first use (benchmarks/embed-vs-pytorch/install-peer),
    /// runs peer.py on the same texts and returns its figures and its document embeddings (`width` floats each).
    func runPeer(documents: [String], queries: [String], width: Int, progress: @Sendable (String) -> Void) throws
        -> (Figures, [[Float]])
    {
        let folder = options.root + "/benchmarks/embed-vs-pytorch"
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("zenglow-bench-embed-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        func jsonLines(_ texts: [String], _ name: String) throws -> String {
            let encoder = JSONEncoder()
            let lines = try texts.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
            let file = scratch.appendingPathComponent(name)
            try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            return file.path
        }
        let documentsFile = try jsonLines(documents, "documents.jsonl")
        let queriesFile = try jsonLines(queries, "queries.jsonl")
        let vectorsFile = scratch.appendingPathComponent("documents.f32").path

        progress("peer: installing or checking its venv (benchmarks/embed-vs-pytorch/install-peer)")
        let install = try Self.run(folder + "/install-peer", [], passStandardError: true)
        guard install.status == 0, let python = install.output.split(separator: "\n").last.map(String.init) else {
            throw BenchError("\(folder)/install-peer failed (exit \(install.status)); see its output above")
        }
        progress("peer: sentence-transformers on PyTorch, \(options.threads) thread(s)")
        let peer = try Self.run(
            python,
            [
                folder + "/peer.py", "--model-dir", options.modelDirectory.url.path, "--documents", documentsFile,
                "--queries", queriesFile, "--threads", String(options.threads), "--batch-size",
                String(options.batchSize), "--single-repeats", String(options.singleRepeats), "--dump-embeddings",
                vectorsFile,
            ], passStandardError: true)
        guard peer.status == 0, let line = peer.output.split(separator: "\n").last else {
            throw BenchError("peer.py failed (exit \(peer.status)); see its output above")
        }
        let figures: Figures
        do { figures = try JSONDecoder().decode(Figures.self, from: Data(line.utf8)) } catch {
            throw BenchError("peer.py printed no figures: \(line.prefix(200))")
        }
        let vectors = Float32Vectors.rows(
            try Data(contentsOf: URL(fileURLWithPath: vectorsFile)), width: width)
        return (figures, vectors)
    }

    /// Runs a program with the same thread limits the encoder has, its stderr shown as it goes.
    static func run(_ executable: String, _ arguments: [String], passStandardError: Bool) throws -> (
        status: Int32, output: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        if passStandardError { process.standardError = FileHandle.standardError }
        do { try process.run() } catch { throw BenchError("cannot run \(executable): \(error)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
