import Foundation
import Hummingbird
import Logging

/// `POST /rag/query`: validate, embed when needed, one SQL call, encode.
struct RagQueryController {
    let services: APIServices

    func query(_ request: Request, context: APIRequestContext) async throws -> Response {
        let started = ContinuousClock.now
        let principal = try context.principal(requiring: .query)
        let configuration = services.configuration
        let object = try await request.jsonObject(
            upTo: configuration.queryMaxBodyBytes, allowed: RagQueryRequest.fields)
        var query = try RagQueryRequest(object: object, defaults: configuration)
        if configuration.logQueryText {
            context.logger.info("query", metadata: ["zg.query": .string(query.query)])
        }

        var embedMilliseconds: Double?
        var degradedReason: String?
        if query.embedding == nil, let embedder = services.embedder {
            let embedStarted = ContinuousClock.now
            do {
                query.embedding = try await embedder.embed(query.query, logger: context.logger)
            } catch {
                degradedReason = "embedder_unavailable"
                context.logger.warning("embedder unavailable; answering lexically", metadata: ["zg.error": "\(error)"])
            }
            embedMilliseconds = Self.milliseconds(since: embedStarted)
            services.metrics.stage(.embed, seconds: embedMilliseconds! / 1000)
        }
        if query.embedding == nil && query.mode == "vector" {
            throw APIError(
                .unprocessableContent, .invalidEmbedding,
                "mode 'vector' needs an embedding: send one, or configure EMBED_BASE_URL")
        }

        let retrieveStarted = ContinuousClock.now
        let answer = try await services.metrics.usingDatabase {
            try await services.database.ragQuery(
                query, candidates: max(configuration.fusionCandidates, query.topK), tenant: principal.tenant,
                requestID: context.requestID, logger: context.logger)
        }
        let retrieveMilliseconds = Self.milliseconds(since: retrieveStarted)
        services.metrics.stage(.retrieve, seconds: retrieveMilliseconds / 1000)

        var body = answer.json
        if let degradedReason {
            // rag_query already says degraded: "no_embedding"; say why as well.
            body = "{\"degraded_reason\": \"\(degradedReason)\", " + body.dropFirst()
        }
        services.recorder.record(
            PerformanceRecord(
                tenant: principal.tenant, requestID: context.requestID, endpoint: "/rag/query", status: 200,
                topK: query.topK, resultCount: answer.resultCount, weightsVersion: answer.weightsVersion,
                model: answer.model, embedMilliseconds: embedMilliseconds, retrieveMilliseconds: retrieveMilliseconds,
                totalMilliseconds: Self.milliseconds(since: started)))
        return Response.json(body)
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
