import Foundation
import ZenGlowDB
import ZenGlowIngest

/// A `POST /ingest/batches` body (JSON or MessagePack): a batch of documents and their chunks.
/// Structural mistakes are refused whole (400, naming the path); problems of single rows (a wrong
/// dimension, NaN, empty text) are the loader's, which rejects those rows with their reasons.
struct IngestRequest: Decodable, Sendable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case source, documents
        case batchTag = "batch_tag"
    }

    struct Document: Decodable, Sendable {
        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, title, source, metadata, chunks
        }

        let id: String
        let title: String?
        let source: String?
        let metadata: JSONValue?
        let chunks: [Chunk]

        init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownFields(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            title = try container.decodeIfPresent(String.self, forKey: .title)?.refusingNUL(
                field: decoder.path(CodingKeys.title))
            source = try container.decodeIfPresent(String.self, forKey: .source)?.refusingNUL(
                field: decoder.path(CodingKeys.source))
            metadata = try container.decodeIfPresent(JSONValue.self, forKey: .metadata)
            if let metadata, metadata != .null, !metadata.isObject {
                throw APIError(.badRequest, .invalidRequest, "\(decoder.path(CodingKeys.metadata)) must be an object")
            }
            chunks = try container.decode([Chunk].self, forKey: .chunks)
            guard !chunks.isEmpty else {
                throw APIError(
                    .badRequest, .invalidRequest, "\(decoder.path(CodingKeys.chunks)) is required: a non-empty array")
            }
        }
    }

    struct Chunk: Decodable, Sendable {
        enum CodingKeys: String, CodingKey, CaseIterable {
            case order, text, embedding
        }
        /// Chunk positions are stored as PostgreSQL integers.
        static let orders = 0...Int(Int32.max)

        let order: Int?
        let text: String
        /// Omitted: the server embeds the text with its configured embedder.
        let embedding: [Double]?

        init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownFields(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            order = try container.decodeIntegerIfPresent(forKey: .order)
            if let order, !Self.orders.contains(order) {
                throw APIError(
                    .badRequest, .invalidRequest,
                    "\(decoder.path(CodingKeys.order)) must be an integer from 0 to \(Self.orders.upperBound)")
            }
            text = try container.decode(String.self, forKey: .text)
            embedding = try container.decodeIfPresent([Double].self, forKey: .embedding)
        }
    }

    let batchTag: String
    let source: String?
    let documents: [Document]

    init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownFields(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let tag = try container.decodeIfPresent(String.self, forKey: .batchTag),
            IngestBatch.isValidTag(tag)
        else {
            throw APIError(
                .badRequest, .invalidRequest,
                "field 'batch_tag' is required: 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
            )
        }
        batchTag = tag
        source = try container.decodeIfPresent(String.self, forKey: .source)?.refusingNUL(field: "source")
        guard let documents = try container.decodeIfPresent([Document].self, forKey: .documents), !documents.isEmpty
        else { throw APIError(.badRequest, .invalidRequest, "field 'documents' is required: a non-empty array") }
        self.documents = documents
    }

    /// The batch the loader takes. A value too large for a 32-bit float becomes infinite, which
    /// the loader rejects with its row, like NaN.
    func batch(tenant: String) -> IngestBatch {
        IngestBatch(
            tenant: tenant, tag: batchTag, source: source ?? "api",
            documents: documents.map { document in
                IngestDocument(
                    id: document.id, source: document.source, title: document.title ?? "",
                    metadataJSON: document.metadata.map { $0 == .null ? "{}" : $0.jsonText } ?? "{}",
                    chunks: document.chunks.enumerated().map { index, chunk in
                        IngestChunk(
                            order: chunk.order ?? index, text: chunk.text,
                            embedding: chunk.embedding.map { $0.map(Float.init) })
                    })
            })
    }
}
