import Foundation
import Hummingbird
import ZenGlowIngest

/// `POST /ingest/batches` (ingest scope; JSON through the batch loader) and
/// `GET /ingest/batches/{tag}` (the manifest).
struct IngestController {
    static let batchFields: Set<String> = ["batch_tag", "source", "documents"]
    static let documentFields: Set<String> = ["id", "title", "source", "metadata", "chunks"]
    static let chunkFields: Set<String> = ["order", "text", "embedding"]
    let services: APIServices

    func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let principal = try context.principal(requiring: .ingest)
        let mediaType = request.headers[.contentType]?.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        let limit = services.configuration.ingestMaxBodyBytes
        let object: [String: Any]
        switch mediaType {
        case nil, "application/json":
            object = try await request.jsonObject(upTo: limit, allowed: Self.batchFields)
        case "application/msgpack", "application/x-msgpack", "application/vnd.msgpack":
            object = try await Self.messagePackObject(request, upTo: limit)
        default:
            throw APIError(
                .unsupportedMediaType, .unsupportedMediaType,
                "send the batch as application/json or application/msgpack")
        }
        let batch = try Self.batch(from: object, tenant: principal.tenant)
        let result = try await services.metrics.usingDatabase {
            try await services.database.client.withConnection { connection in
                try await BatchLoader(logger: context.logger, role: "zenglow_ingest").load(batch, on: connection)
            }
        }
        let body = IngestResponse(result, tag: batch.tag)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Response.json(
            String(decoding: try encoder.encode(body), as: UTF8.self), status: result.resubmitted ? .ok : .created)
    }

    func get(_ request: Request, context: APIRequestContext) async throws -> Response {
        let principal = try context.principal(requiring: .query)
        let tag = try context.parameters.require("tag")
        let json = try await services.metrics.usingDatabase {
            try await services.database.call(
                "zenglow_api.get_batch($3)", tenant: principal.tenant, requestID: context.requestID,
                logger: context.logger
            ) { $0.append(tag) }
        }
        guard let json, json != "null" else { throw APIError(.notFound, .notFound, "no batch '\(tag)'") }
        return Response.json(json)
    }

    /// A msgpack body as the same object a JSON body gives, with the same checks.
    static func messagePackObject(_ request: Request, upTo limit: Int) async throws -> [String: Any] {
        let buffer = try await request.body(upTo: limit)
        let value: MessagePackValue
        do {
            value = try MessagePackDecoder().decode(Array(buffer: buffer))
        } catch let error as MessagePackDecoder.DecodingError {
            throw APIError(.badRequest, .invalidJSON, error.description)
        }
        guard let object = try value.foundationObject() as? [String: Any] else {
            throw APIError(.badRequest, .invalidJSON, "the msgpack body must be a map")
        }
        try APIError.refuseUnknownFields(of: object, allowed: batchFields)
        return object
    }

    /// The batch a body describes; a structural mistake names its path (`documents[2].chunks[0].text`).
    static func batch(from object: [String: Any], tenant: String) throws -> IngestBatch {
        func invalid(_ message: String) -> APIError { APIError(.badRequest, .invalidRequest, message) }
        guard let tag = object["batch_tag"] as? String, !tag.isEmpty, tag.count <= 200 else {
            throw invalid("field 'batch_tag' is required: a string of 1 to 200 characters")
        }
        let source = object["source"] as? String ?? "api"
        guard let documents = object["documents"] as? [Any], !documents.isEmpty else {
            throw invalid("field 'documents' is required: a non-empty array")
        }
        var parsed: [IngestDocument] = []
        for (documentIndex, value) in documents.enumerated() {
            let path = "documents[\(documentIndex)]"
            guard let document = value as? [String: Any] else { throw invalid("\(path) must be an object") }
            try APIError.refuseUnknownFields(of: document, allowed: documentFields, path: path)
            guard let id = document["id"] as? String else { throw invalid("\(path).id is required: a string") }
            var metadataJSON = "{}"
            if let metadata = document["metadata"], !(metadata is NSNull) {
                guard metadata is [String: Any] else { throw invalid("\(path).metadata must be an object") }
                metadataJSON = String(decoding: try JSONSerialization.data(withJSONObject: metadata), as: UTF8.self)
            }
            guard let chunks = document["chunks"] as? [Any], !chunks.isEmpty else {
                throw invalid("\(path).chunks is required: a non-empty array")
            }
            var parsedChunks: [IngestChunk] = []
            for (chunkIndex, chunkValue) in chunks.enumerated() {
                let chunkPath = "\(path).chunks[\(chunkIndex)]"
                guard let chunk = chunkValue as? [String: Any] else { throw invalid("\(chunkPath) must be an object") }
                try APIError.refuseUnknownFields(of: chunk, allowed: chunkFields, path: chunkPath)
                guard let text = chunk["text"] as? String else {
                    throw invalid("\(chunkPath).text is required: a string")
                }
                guard let numbers = chunk["embedding"] as? [NSNumber],
                    !numbers.contains(where: RagQueryRequest.isBoolean)
                else { throw invalid("\(chunkPath).embedding is required: an array of numbers") }
                let order = (chunk["order"] as? NSNumber).flatMap { Int(exactly: $0.doubleValue) } ?? chunkIndex
                parsedChunks.append(IngestChunk(order: order, text: text, embedding: numbers.map(\.floatValue)))
            }
            parsed.append(
                IngestDocument(
                    id: id, source: document["source"] as? String, title: document["title"] as? String ?? "",
                    metadataJSON: metadataJSON, chunks: parsedChunks))
        }
        return IngestBatch(tenant: tenant, tag: tag, source: source, documents: parsed)
    }
}

/// The manifest of a loaded batch, with each rejected row and why.
struct IngestResponse: Encodable {
    let batchID: Int64
    let batchTag: String
    let state: String
    let accepted: Int64
    let rejected: Int64
    let resubmitted: Bool
    let replacedChunks: Int64
    let rejections: [BatchRejection]

    init(_ result: BatchLoadResult, tag: String) {
        batchID = result.batchID
        batchTag = tag
        state = result.state
        accepted = result.accepted
        rejected = result.rejected
        resubmitted = result.resubmitted
        replacedChunks = result.replacedChunks
        rejections = result.rejections
    }

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id"
        case batchTag = "batch_tag"
        case state, accepted, rejected, resubmitted, rejections
        case replacedChunks = "replaced_chunks"
    }
}
