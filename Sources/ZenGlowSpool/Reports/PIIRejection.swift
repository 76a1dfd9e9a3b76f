import ZenGlowIngest

/// A batch refused under `INGEST_PII=reject`: where the first finding is and what kind it is.
/// It never carries the matched text itself, since it ends up in sidecars and logs.
public struct PIIRejection: Error, CustomStringConvertible, Sendable, Equatable {
    /// Which part of a chunk's row held the finding.
    public enum Field: String, Sendable, Codable {
        /// The chunk's text.
        case text
        /// The document's title, stored on each of its chunks; the rejection names the first.
        case title
    }

    public let documentID: String
    public let chunkOrder: Int
    /// A ``PIIKind`` raw value: `email`, `phone`, `api_key` or `token`.
    public let kind: String
    public let field: Field
    /// The chunk's 1-based position in the batch (documents in order, their chunks in order),
    /// as in ``BatchRejection/row``.
    public let row: Int

    public init(documentID: String, chunkOrder: Int, kind: String, field: Field = .text, row: Int) {
        self.documentID = documentID
        self.chunkOrder = chunkOrder
        self.kind = kind
        self.field = field
        self.row = row
    }

    public var description: String {
        let place =
            field == .title ? "the title of document \(documentID)" : "document \(documentID), chunk \(chunkOrder)"
        return "row \(row) (\(place)) holds a \(kind); INGEST_PII=reject refuses the batch"
    }
}
