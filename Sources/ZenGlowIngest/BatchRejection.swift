/// A chunk the loader refused, and why; the rest of its batch still loads.
public struct BatchRejection: Sendable, Equatable, Codable {
    /// Why a row was refused; stable codes for scripts.
    public enum Reason: String, Sendable, Codable {
        case wrongDimension = "wrong_dimension"
        case nonFinite = "non_finite"
        /// All zeros, or a norm too large for a float: cosine similarity is undefined.
        case undefinedCosine = "undefined_cosine"
        case emptyText = "empty_text"
        case invalidUTF8 = "invalid_utf8"
        case invalidMetadata = "invalid_metadata"
        case invalidDocumentID = "invalid_document_id"
        case duplicateChunk = "duplicate_chunk"
    }

    /// The row's 1-based position in the batch (documents in order, their chunks in order).
    public let row: Int
    public let documentID: String
    public let chunkOrder: Int
    public let reason: Reason
    /// The specifics, e.g. "384 dimensions expected, 3 given".
    public let message: String

    enum CodingKeys: String, CodingKey {
        case row, reason, message
        case documentID = "document_id"
        case chunkOrder = "chunk_order"
    }

    public init(row: Int, documentID: String, chunkOrder: Int, reason: Reason, message: String) {
        self.row = row
        self.documentID = documentID
        self.chunkOrder = chunkOrder
        self.reason = reason
        self.message = message
    }
}

extension BatchRejection: CustomStringConvertible {
    public var description: String {
        "row \(row) (document \(documentID), chunk \(chunkOrder)): \(reason.rawValue): \(message)"
    }
}
