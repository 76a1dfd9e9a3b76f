import Foundation
import Hummingbird
import Tracing
import ZenGlowDB
import ZenGlowIngest

/// `POST /ingest/batches` (ingest scope; JSON or MessagePack through the batch loader) and
/// `GET /ingest/batches/{tag}` (the manifest).
struct IngestController {
    let services: APIServices

    func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let principal = try context.principal(requiring: .ingest)
        let body = try await request.decode(
            IngestRequest.self, limit: services.configuration.ingestMaxBodyBytes, formats: [.json, .messagePack],
            context: context)
        let batch = body.batch(tenant: principal.tenant)
        let loader = BatchLoader(logger: context.logger, role: "zenglow_ingest", embedder: services.embedder)
        let result: BatchLoadResult
        let commitPosition: WALPosition
        do {
            // `ingest.prepare` (validation, and embedding text-only chunks) and `ingest.load` (the
            // batch's transaction), children of the request's span.
            let prepared = try await withSpan("ingest.prepare") { span in
                span.attributes["zg.ingest.documents"] = batch.documents.count
                return try await loader.prepare(batch)
            }
            (result, commitPosition) = try await withSpan("ingest.load") { span in
                span.attributes["zg.tenant"] = principal.tenant
                let (result, position) = try await services.metrics.usingDatabase {
                    try await services.database.client.withConnection { connection in
                        let result = try await loader.load(
                            prepared, on: connection,
                            requestID: TraceIdentity.databaseLabel(requestID: context.requestID))
                        // Read after the commit: at or past its WAL record (docs/scaling.md).
                        return (result, try await connection.walInsertPosition(logger: context.logger))
                    }
                }
                span.attributes["zg.ingest.accepted"] = Int(result.accepted)
                span.attributes["zg.ingest.rejected"] = Int(result.rejected)
                return (result, position)
            }
        } catch let error as IngestError where error.code == .noEmbedder {
            throw APIError(.unprocessableContent, .invalidEmbedding, error.message)
        } catch let error as IngestError where error.code == .embeddingFailed {
            // The cause may name the embedder's endpoint: for the operator's log, not the client.
            context.logger.warning("embedding a batch failed", metadata: ["zg.error": "\(error.message)"])
            throw APIError(
                .serviceUnavailable, .embedderUnavailable,
                "the embedder could not embed batch \(batch.tag)'s text-only chunks; nothing was loaded; retry later")
        } catch let error as IngestError where error.code == .embedderModelMismatch {
            throw APIError(.serviceUnavailable, .unavailable, error.message)
        }
        return try Response.json(
            encoding: IngestResponse(result, tag: batch.tag, commitPosition: commitPosition),
            status: result.resubmitted ? .ok : .created)
    }

    func get(_ request: Request, context: APIRequestContext) async throws -> Response {
        let principal = try context.principal(requiring: .query)
        let tag = try context.parameters.require("tag")
        let (json, position) = try await services.withTenant(principal.tenant, context: context) {
            (
                try await $0.batchManifest(tag: tag, logger: context.logger),
                // In the snapshot that saw the batch, so at or past the commit that made it visible.
                try await $0.walInsertPosition(logger: context.logger)
            )
        }
        guard let json else { throw APIError(.notFound, .notFound, "no batch '\(tag)'") }
        return Response.json(JSONObjectText.prepending("commit_lsn", position.description, to: json))
    }
}

/// The manifest of a loaded batch, with each rejected row and why.
struct IngestResponse: Encodable {
    let batchID: Int64
    let batchTag: String
    let state: String
    let accepted: Int64
    let rejected: Int64
    let embedded: Int64
    let resubmitted: Bool
    let replacedChunks: Int64
    let rejections: [BatchRejection]
    /// A WAL position at or past the batch's commit: a query's `min_lsn`.
    let commitLSN: String

    init(_ result: BatchLoadResult, tag: String, commitPosition: WALPosition) {
        batchID = result.batchID
        batchTag = tag
        state = result.state
        accepted = result.accepted
        rejected = result.rejected
        embedded = result.embedded
        resubmitted = result.resubmitted
        replacedChunks = result.replacedChunks
        rejections = result.rejections
        commitLSN = commitPosition.description
    }

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id"
        case batchTag = "batch_tag"
        case state, accepted, rejected, embedded, resubmitted, rejections
        case replacedChunks = "replaced_chunks"
        case commitLSN = "commit_lsn"
    }
}
