import Foundation
import ZenGlowEmbedding

#if canImport(Glibc)
    import Glibc
#endif

/// `zenglow bench embed`: the same SciFact documents and queries through ZenGlow's encoder and
/// through sentence-transformers on PyTorch (benchmarks/embed-vs-pytorch/peer.py), in one run,
/// with the same thread count; prints throughput, single-query latency and peak RSS side by side.
public struct EmbedBenchmark: Sendable {
    public struct Options: Sendable {
        public var dataFolder: String
        public var root: String
        public var modelDirectory: ModelDirectory
        public var documents: Int
        public var queries: Int
        public var threads: Int
        public var batchSize: Int
        public var singleRepeats: Int
        public var runPeer: Bool

        public init(
            dataFolder: String, root: String, modelDirectory: ModelDirectory, documents: Int, queries: Int,
            threads: Int, batchSize: Int, singleRepeats: Int, runPeer: Bool
        ) {
            self.dataFolder = dataFolder
            self.root = root
            self.modelDirectory = modelDirectory
            self.documents = documents
            self.queries = queries
            self.threads = threads
            self.batchSize = batchSize
            self.singleRepeats = singleRepeats
            self.runPeer = runPeer
        }
    }

    /// One side's figures, as the peer reports them in JSON.
    public struct Figures: Sendable, Decodable {
        public let documentsPerSecond: Double
        public let queriesPerSecond: Double
        public let singleQueryP50Milliseconds: Double
        public let singleQueryP95Milliseconds: Double
        public let peakRSSMebibytes: Double

        enum CodingKeys: String, CodingKey {
            case documentsPerSecond = "documents_per_second"
            case queriesPerSecond = "queries_per_second"
            case singleQueryP50Milliseconds = "single_query_p50_ms"
            case singleQueryP95Milliseconds = "single_query_p95_ms"
            case peakRSSMebibytes = "peak_rss_mib"
        }
    }

    public let options: Options

    public init(options: Options) { self.options = options }

    public func run(progress: @Sendable (String) -> Void) throws {
        let (documents, queries) = try readTexts()
        progress(
            "\(documents.count) SciFact documents (title + text), \(queries.count) train queries, \(options.threads) thread(s)"
        )
        var phase = Stopwatch()
        let encoder = try SentenceEncoder(directory: options.modelDirectory)
        progress(String(format: "zenglow: model loaded and verified in %.2f s", phase.seconds))
        _ = encoder.embed(Array(documents.prefix(16)), threads: options.threads)

        phase = Stopwatch()
        let documentVectors = encoder.embed(documents, threads: options.threads)
        let documentSeconds = phase.seconds
        progress(String(format: "zenglow: documents in %.2f s", documentSeconds))
        phase = Stopwatch()
        _ = encoder.embed(queries, threads: options.threads)
        let querySeconds = phase.seconds
        progress(String(format: "zenglow: queries in %.2f s", querySeconds))
        var latencies: [Double] = []
        for index in 0..<options.singleRepeats {
            let single = Stopwatch()
            _ = encoder.embed([queries[index % queries.count]], threads: options.threads)
            latencies.append(single.seconds * 1000)
        }
        progress("zenglow: \(options.singleRepeats) single queries")
        let single = LatencySummary(clients: 1, latencies: latencies, seconds: 0)
        let ours = Figures(
            documentsPerSecond: Double(documents.count) / documentSeconds,
            queriesPerSecond: Double(queries.count) / querySeconds,
            singleQueryP50Milliseconds: single.p50, singleQueryP95Milliseconds: single.p95,
            peakRSSMebibytes: Self.peakRSSMebibytes())

        var peer: Figures?
        var agreement: Double?
        if options.runPeer {
            let (figures, peerVectors) = try runPeer(
                documents: documents, queries: queries, width: encoder.dimensions, progress: progress)
            peer = figures
            agreement = zip(documentVectors, peerVectors).map { Float32Vectors.cosine($0, $1) }.min()
        }
        for line in table(ours: ours, peer: peer, agreement: agreement, documents: documents.count) { print(line) }
    }

    /// The first documents of corpus.jsonl as `title + " " + text` and the first train queries.
    func readTexts() throws -> ([String], [String]) {
        struct Document: Decodable {
            let title: String
            let text: String
        }
        struct Query: Decodable { let text: String }
        func lines(_ file: String, _ limit: Int) throws -> [Substring] {
            let path = options.dataFolder + "/" + file
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw BenchError("cannot read \(path); pass --data with the SciFact folder")
            }
            return Array(text.split(separator: "\n").prefix(limit))
        }
        let decoder = JSONDecoder()
        let documents = try lines("corpus.jsonl", options.documents).enumerated().map { index, line in
            do {
                let document = try decoder.decode(Document.self, from: Data(line.utf8))
                return document.title + " " + document.text
            } catch { throw BenchError("corpus.jsonl line \(index + 1): not a SciFact document: \(error)") }
        }
        let queries = try lines("queries-train.jsonl", options.queries).enumerated().map { index, line in
            do { return try decoder.decode(Query.self, from: Data(line.utf8)).text } catch {
                throw BenchError("queries-train.jsonl line \(index + 1): not a SciFact query: \(error)")
            }
        }
        guard !documents.isEmpty, !queries.isEmpty else { throw BenchError("no documents or queries read") }
        return (documents, queries)
    }

    static func peakRSSMebibytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
