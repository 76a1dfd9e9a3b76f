import NIOCore

extension StagingRow {
    /// COPY's binary signature, flags and empty header extension, which open the stream.
    static let binaryHeader: [UInt8] =
        Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
    /// The field count -1 that ends the stream.
    static let binaryTrailer: [UInt8] = [0xFF, 0xFF]
    /// `pg_type.oid` of `real` (float4), the element type a binary `real[]` names.
    static let float4OID: Int32 = 700

    /// Appends the row in COPY's binary format: a field count, then each field as its length and
    /// the type's send format (network byte order), -1 for null. Text needs no escaping, and the
    /// embedding goes as IEEE bit patterns, which the server neither parses nor rounds.
    func writeBinary(into buffer: inout ByteBuffer) {
        buffer.writeInteger(Int16(Self.columns.count))
        Self.writeField(Int64(row), into: &buffer)
        Self.writeField(documentID, into: &buffer)
        Self.writeField(Int32(chunkOrder), into: &buffer)
        if let source { Self.writeField(source, into: &buffer) } else { buffer.writeInteger(Int32(-1)) }
        Self.writeField(title, into: &buffer)
        // jsonb's binary format: a version byte (1), then the JSON text.
        buffer.writeInteger(Int32(metadataJSON.utf8.count + 1))
        buffer.writeInteger(UInt8(1))
        buffer.writeString(metadataJSON)
        Self.writeField(contentHash, into: &buffer)
        Self.writeField(text, into: &buffer)
        // A one-dimensional real[] without nulls: ndim, has-null flag, element type, then the
        // dimension's length and lower bound, then each element as length 4 and its bits.
        buffer.writeInteger(Int32(20 + 8 * embedding.count))
        buffer.writeInteger(Int32(1))
        buffer.writeInteger(Int32(0))
        buffer.writeInteger(Self.float4OID)
        buffer.writeInteger(Int32(embedding.count))
        buffer.writeInteger(Int32(1))
        for value in embedding {
            buffer.writeInteger(Int32(4))
            buffer.writeInteger(value.bitPattern)
        }
    }

    private static func writeField<Integer: FixedWidthInteger>(_ value: Integer, into buffer: inout ByteBuffer) {
        buffer.writeInteger(Int32(MemoryLayout<Integer>.size))
        buffer.writeInteger(value)
    }

    private static func writeField(_ text: String, into buffer: inout ByteBuffer) {
        buffer.writeInteger(Int32(text.utf8.count))
        buffer.writeString(text)
    }
}
