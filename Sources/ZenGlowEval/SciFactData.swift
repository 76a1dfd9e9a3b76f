import Foundation

/// The BEIR SciFact train split as shipped in `../shared/data/scifact`: corpus, queries,
/// judgments and all-MiniLM-L6-v2 embeddings of both.
public struct SciFactData: Sendable {
    public struct Document: Sendable {
        public let id: String
        public let title: String
        public let text: String
    }

    public struct Query: Sendable {
        public let id: String
        public let text: String
        public let embedding: [Float]
        /// The ids of the documents judged relevant.
        public let relevant: Set<String>
    }

    public let documents: [Document]
    public let documentEmbeddings: [[Float]]
    public let queries: [Query]

    public static let dimension = 384

    /// Reads the folder; every problem names the file and line.
    public init(folder: String) throws {
        let corpus = try Self.lines(folder, "corpus.jsonl")
        struct RawDocument: Decodable {
            let _id: String
            let title: String
            let text: String
        }
        struct RawQuery: Decodable {
            let _id: String
            let text: String
        }
        var documents: [Document] = []
        for (index, line) in corpus.enumerated() {
            guard let raw = try? JSONDecoder().decode(RawDocument.self, from: Data(line.utf8)) else {
                throw EvalError("\(folder)/corpus.jsonl:\(index + 1): not a {_id, title, text} JSON object")
            }
            documents.append(Document(id: raw._id, title: raw.title, text: raw.text))
        }
        let documentIDs = try Self.lines(folder, "corpus-ids.txt")
        guard documentIDs == documents.map(\.id) else {
            throw EvalError("\(folder)/corpus-ids.txt does not list corpus.jsonl's ids in the same order")
        }
        let documentEmbeddings = try Self.embeddings(folder, "corpus-minilm384.f32", rows: documents.count)

        var judgments: [String: Set<String>] = [:]
        for (index, line) in try Self.lines(folder, "qrels-train.tsv").enumerated().dropFirst() {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 3, let score = Int(fields[2]) else {
                throw EvalError("\(folder)/qrels-train.tsv:\(index + 1): expected query-id, corpus-id, score")
            }
            if score > 0 { judgments[fields[0], default: []].insert(fields[1]) }
        }
        let queryIDs = try Self.lines(folder, "queries-train-ids.txt")
        let queryEmbeddings = try Self.embeddings(folder, "queries-train-minilm384.f32", rows: queryIDs.count)
        var texts: [String: String] = [:]
        for (index, line) in try Self.lines(folder, "queries-train.jsonl").enumerated() {
            guard let raw = try? JSONDecoder().decode(RawQuery.self, from: Data(line.utf8)) else {
                throw EvalError("\(folder)/queries-train.jsonl:\(index + 1): not a {_id, text} JSON object")
            }
            texts[raw._id] = raw.text
        }
        var queries: [Query] = []
        for (index, id) in queryIDs.enumerated() {
            guard let text = texts[id] else {
                throw EvalError(
                    "\(folder)/queries-train-ids.txt:\(index + 1): query \(id) is not in queries-train.jsonl")
            }
            guard let relevant = judgments[id], !relevant.isEmpty else { continue }
            queries.append(Query(id: id, text: text, embedding: queryEmbeddings[index], relevant: relevant))
        }
        self.documents = documents
        self.documentEmbeddings = documentEmbeddings
        self.queries = queries
    }

    private static func lines(_ folder: String, _ name: String) throws -> [String] {
        let path = folder + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else { throw EvalError("cannot read \(path)") }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            .map(String.init)
    }

    private static func embeddings(_ folder: String, _ name: String, rows: Int) throws -> [[Float]] {
        let path = folder + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else { throw EvalError("cannot read \(path)") }
        let expected = rows * dimension * 4
        guard data.count == expected else {
            throw EvalError("\(path) has \(data.count) bytes; \(rows) rows of \(dimension) float32 need \(expected)")
        }
        let values: [Float] = data.withUnsafeBytes { raw in
            (0..<(rows * dimension)).map {
                Float(bitPattern: UInt32(littleEndian: raw.load(fromByteOffset: $0 * 4, as: UInt32.self)))
            }
        }
        return (0..<rows).map { Array(values[($0 * dimension)..<(($0 + 1) * dimension)]) }
    }
}
