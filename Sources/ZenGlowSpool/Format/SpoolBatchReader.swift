import ZenGlowIngest

/// Turns one decoded MessagePack value into an ``IngestBatch``: the fields of
/// `POST /ingest/batches` plus `tenant`, which a spool file must name (the API takes it from the
/// key instead). Structural mistakes refuse the whole batch with the field path and row; problems
/// of single rows (a wrong dimension, NaN, empty text) are the loader's, which rejects those rows.
///
/// A chunk's `embedding` is an array of numbers or, more compactly, binary holding float32 values
/// in little-endian order (4 bytes each).
public struct SpoolBatchReader: Sendable {
    static let batchFields: Set<String> = ["tenant", "batch_tag", "source", "documents"]
    static let documentFields: Set<String> = ["id", "title", "source", "metadata", "chunks"]
    static let chunkFields: Set<String> = ["order", "text", "embedding"]

    public init() {}

    public func batch(from value: MessagePackValue) throws(SpoolFailure) -> IngestBatch {
        let fields = try map(value, at: "the batch")
        try refuseUnknown(fields, allowed: Self.batchFields, at: "")
        let tenant = try string(fields["tenant"], at: "tenant", required: true)!
        guard !tenant.isEmpty, tenant.count <= 128, !tenant.contains("\u{0}") else {
            throw SpoolFailure(.invalidValue, "tenant must be 1 to 128 characters", field: "tenant")
        }
        guard let tag = try string(fields["batch_tag"], at: "batch_tag", required: true), IngestBatch.isValidTag(tag)
        else {
            throw SpoolFailure(
                .invalidValue,
                "batch_tag must be 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
                field: "batch_tag")
        }
        let source = try string(fields["source"], at: "source") ?? "spool"
        guard case .array(let documentValues)? = fields["documents"], !documentValues.isEmpty else {
            throw SpoolFailure(
                fields["documents"] == nil ? .missingField : .wrongType, "documents must be a non-empty array",
                field: "documents")
        }
        var row = 0
        var documents: [IngestDocument] = []
        documents.reserveCapacity(documentValues.count)
        for (index, documentValue) in documentValues.enumerated() {
            documents.append(try document(documentValue, at: "documents[\(index)]", row: &row))
        }
        return IngestBatch(tenant: tenant, tag: tag, source: source, documents: documents)
    }

    private func document(_ value: MessagePackValue, at path: String, row: inout Int) throws(SpoolFailure)
        -> IngestDocument
    {
        let fields = try map(value, at: path)
        try refuseUnknown(fields, allowed: Self.documentFields, at: path)
        let id = try string(fields["id"], at: "\(path).id", required: true)!
        let title = try string(fields["title"], at: "\(path).title") ?? ""
        let source = try string(fields["source"], at: "\(path).source")
        var metadataJSON = "{}"
        switch fields["metadata"] {
        case nil, .null?: break
        case .map(let pairs)?:
            metadataJSON = try JSONText.object(pairs, at: "\(path).metadata")
        case .some:
            throw SpoolFailure(.wrongType, "must be a map", field: "\(path).metadata")
        }
        guard case .array(let chunkValues)? = fields["chunks"], !chunkValues.isEmpty else {
            throw SpoolFailure(
                fields["chunks"] == nil ? .missingField : .wrongType, "must be a non-empty array",
                field: "\(path).chunks")
        }
        var chunks: [IngestChunk] = []
        chunks.reserveCapacity(chunkValues.count)
        for (index, chunkValue) in chunkValues.enumerated() {
            row += 1
            chunks.append(try chunk(chunkValue, index: index, at: "\(path).chunks[\(index)]", row: row))
        }
        return IngestDocument(id: id, source: source, title: title, metadataJSON: metadataJSON, chunks: chunks)
    }

    private func chunk(_ value: MessagePackValue, index: Int, at path: String, row: Int) throws(SpoolFailure)
        -> IngestChunk
    {
        let fields: [String: MessagePackValue]
        do { fields = try map(value, at: path) } catch { throw error.at(row: row) }
        do throws(SpoolFailure) {
            try refuseUnknown(fields, allowed: Self.chunkFields, at: path)
            var order = index
            switch fields["order"] {
            case nil, .null?: break
            case .int(let number)? where (0...Int64(Int32.max)).contains(number): order = Int(number)
            case .uint?, .int?:
                throw SpoolFailure(.invalidValue, "must be an integer from 0 to \(Int32.max)", field: "\(path).order")
            case .some:
                throw SpoolFailure(.wrongType, "must be an integer", field: "\(path).order")
            }
            let text: [UInt8]
            switch fields["text"] {
            case .string(let string)?: text = Array(string.utf8)
            case nil: throw SpoolFailure(.missingField, "is required", field: "\(path).text")
            case .some: throw SpoolFailure(.wrongType, "must be a string", field: "\(path).text")
            }
            return IngestChunk(order: order, textBytes: text, embedding: try embedding(fields["embedding"], at: path))
        } catch {
            throw error.at(row: row)
        }
    }

    private func embedding(_ value: MessagePackValue?, at path: String) throws(SpoolFailure) -> [Float]? {
        switch value {
        case nil, .null?: return nil
        case .binary(let bytes)?:
            guard bytes.count % 4 == 0 else {
                throw SpoolFailure(
                    .invalidValue, "binary embeddings are float32 values: \(bytes.count) bytes is not a multiple of 4",
                    field: "\(path).embedding")
            }
            return stride(from: 0, to: bytes.count, by: 4).map { start in
                Float(
                    bitPattern: UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8 | UInt32(bytes[start + 2]) << 16
                        | UInt32(bytes[start + 3]) << 24)
            }
        case .array(let elements)?:
            var vector: [Float] = []
            vector.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                switch element {
                case .double(let number): vector.append(Float(number))
                case .int(let number): vector.append(Float(number))
                case .uint(let number): vector.append(Float(number))
                default:
                    throw SpoolFailure(.wrongType, "must be a number", field: "\(path).embedding[\(index)]")
                }
            }
            return vector
        case .some:
            throw SpoolFailure(.wrongType, "must be an array of numbers or float32 binary", field: "\(path).embedding")
        }
    }

    private func map(_ value: MessagePackValue, at path: String) throws(SpoolFailure) -> [String: MessagePackValue] {
        guard case .map(let pairs) = value else {
            throw SpoolFailure(.wrongType, "must be a map", field: path)
        }
        var fields: [String: MessagePackValue] = [:]
        for (key, value) in pairs {
            guard case .string(let name) = key else {
                throw SpoolFailure(.wrongType, "has a key that is not a string", field: path)
            }
            // Two values for one field (two tenants, say): which one a reader takes is not the file's to leave open.
            guard fields.updateValue(value, forKey: name) == nil else {
                throw SpoolFailure(
                    .invalidValue, "the field is given twice", field: path.isEmpty ? name : "\(path).\(name)")
            }
        }
        return fields
    }

    private func refuseUnknown(_ fields: [String: MessagePackValue], allowed: Set<String>, at path: String)
        throws(SpoolFailure)
    {
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw SpoolFailure(
                .unknownField, "unknown field (allowed: \(allowed.sorted().joined(separator: ", ")))",
                field: path.isEmpty ? unknown : "\(path).\(unknown)")
        }
    }

    private func string(_ value: MessagePackValue?, at path: String, required: Bool = false) throws(SpoolFailure)
        -> String?
    {
        switch value {
        case nil, .null?:
            if required { throw SpoolFailure(.missingField, "is required", field: path) }
            return nil
        case .string(let text)?:
            guard !text.contains("\u{0}") else {
                throw SpoolFailure(.invalidValue, "must not contain NUL", field: path)
            }
            return text
        case .some:
            throw SpoolFailure(.wrongType, "must be a string", field: path)
        }
    }
}

extension SpoolFailure {
    func at(row: Int) -> SpoolFailure {
        var copy = self
        copy.row = row
        return copy
    }
}
