import Foundation
import NIOCore

/// One chunk ready for the staging table, encoded as a line of COPY's text format.
struct StagingRow {
    let row: Int
    let documentID: String
    let chunkOrder: Int
    let source: String?
    let title: String
    let metadataJSON: String
    let contentHash: String
    let text: String
    let embedding: [Float]

    static let columns = [
        "row_number", "document_id", "chunk_order", "source", "title", "metadata", "content_hash", "body", "embedding",
    ]

    /// Appends the row: tab-separated fields, `\N` for null, backslash escapes for the characters
    /// COPY's text format gives a meaning to.
    func write(into buffer: inout ByteBuffer) {
        buffer.writeString(String(row))
        buffer.writeInteger(UInt8(ascii: "\t"))
        Self.writeEscaped(documentID, into: &buffer)
        buffer.writeInteger(UInt8(ascii: "\t"))
        buffer.writeString(String(chunkOrder))
        buffer.writeInteger(UInt8(ascii: "\t"))
        if let source { Self.writeEscaped(source, into: &buffer) } else { buffer.writeString("\\N") }
        buffer.writeInteger(UInt8(ascii: "\t"))
        Self.writeEscaped(title, into: &buffer)
        buffer.writeInteger(UInt8(ascii: "\t"))
        Self.writeEscaped(metadataJSON, into: &buffer)
        buffer.writeInteger(UInt8(ascii: "\t"))
        buffer.writeString(contentHash)
        buffer.writeInteger(UInt8(ascii: "\t"))
        Self.writeEscaped(text, into: &buffer)
        buffer.writeInteger(UInt8(ascii: "\t"))
        buffer.writeInteger(UInt8(ascii: "{"))
        for (index, value) in embedding.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            buffer.writeString(value.description)
        }
        buffer.writeInteger(UInt8(ascii: "}"))
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    private static func writeEscaped(_ text: String, into buffer: inout ByteBuffer) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeString("\\\\")
            case UInt8(ascii: "\n"): buffer.writeString("\\n")
            case UInt8(ascii: "\r"): buffer.writeString("\\r")
            case UInt8(ascii: "\t"): buffer.writeString("\\t")
            default: buffer.writeInteger(byte)
            }
        }
    }
}
