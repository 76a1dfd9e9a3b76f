import Foundation

/// A `POST /rag/query` answer as stored in Redis: on the first line what the query record of a
/// hit needs without parsing the body (``Summary``, as JSON), then the body exactly as the
/// database produced it. Entries written before the summary existed have only the result count
/// (or `-`) on the first line; they still decode, with the other fields nil.
struct CachedAnswer: Sendable, Equatable {
    /// The result fields the miss recorded, so that a hit records the same.
    struct Summary: Sendable, Equatable, Codable {
        var resultCount: Int?
        var ltrVersion: Int64?
        /// rag_query's own `degraded`; an answer degraded by the embedder is never stored.
        var degraded: String?
        var resultSources: [String: Int]?
        var topDocuments: [String]?

        enum CodingKeys: String, CodingKey {
            case resultCount = "result_count"
            case ltrVersion = "ltr_version"
            case degraded
            case resultSources = "result_sources"
            case topDocuments = "top_documents"
        }
    }

    let summary: Summary
    let body: String

    init(summary: Summary, body: String) {
        self.summary = summary
        self.body = body
    }

    /// Reads a stored value; nil when it is not one (another writer, or a corrupted entry — the
    /// request is then answered by the database as a miss).
    init?(stored: String) {
        guard let newline = stored.firstIndex(of: "\n") else { return nil }
        let header = stored[..<newline]
        let body = stored[stored.index(after: newline)...]
        guard body.first == "{" else { return nil }
        if header.first == "{" {
            guard let summary = try? JSONDecoder().decode(Summary.self, from: Data(header.utf8)) else { return nil }
            self.summary = summary
        } else if header == "-" {
            summary = Summary()
        } else if let count = Int(header) {
            summary = Summary(resultCount: count)
        } else {
            return nil
        }
        self.body = String(body)
    }

    /// The value to store: the summary on one line (JSON escapes every newline in it), the body.
    var stored: String {
        let header = (try? JSONEncoder().encode(summary)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return header + "\n" + body
    }
}
