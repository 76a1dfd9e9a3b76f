/// A `POST /rag/query` answer as stored in Redis: its result count on the first line (what the
/// performance record of a hit needs without parsing the body), then the body exactly as the
/// database produced it.
struct CachedAnswer: Sendable, Equatable {
    let resultCount: Int?
    let body: String

    init(resultCount: Int?, body: String) {
        self.resultCount = resultCount
        self.body = body
    }

    /// Reads a stored value; nil when it is not one (another writer, or a corrupted entry — the
    /// request is then answered by the database as a miss).
    init?(stored: String) {
        guard let newline = stored.firstIndex(of: "\n") else { return nil }
        let count = stored[..<newline]
        let body = stored[stored.index(after: newline)...]
        guard body.first == "{" else { return nil }
        if count == "-" {
            resultCount = nil
        } else if let parsed = Int(count) {
            resultCount = parsed
        } else {
            return nil
        }
        self.body = String(body)
    }

    var stored: String { (resultCount.map(String.init) ?? "-") + "\n" + body }
}
