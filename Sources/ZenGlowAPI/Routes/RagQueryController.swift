import Hummingbird
import Logging
import ZenGlowDB

/// `POST /rag/query`: validate, embed when needed, one SQL call, encode.
struct RagQueryController {
    let services: APIServices

    func query(_ request: Request, context: APIRequestContext) async throws -> Response {
        let started = ContinuousClock.now
        let principal = try context.principal(requiring: .query)
        let configuration = services.configuration
        var arguments = try await request.decode(
            RagQueryRequest.self, limit: configuration.queryMaxBodyBytes, context: context
        ).arguments(configuration: configuration)
        if configuration.logQueryText {
            context.logger.info("query", metadata: ["zg.query": .string(arguments.query)])
        }

        var embedMilliseconds: Double?
        var degradedReason: String?
        if arguments.embedding == nil, let embedder = services.embedder {
            let embedStarted = ContinuousClock.now
            do {
                arguments.embedding = try await embedder.embed([arguments.query]).first
            } catch {
                degradedReason = "embedder_unavailable"
                context.logger.warning("embedder unavailable; answering lexically", metadata: ["zg.error": "\(error)"])
            }
            embedMilliseconds = ContinuousClock.now.milliseconds(since: embedStarted)
            services.metrics.stage(.embed, seconds: embedMilliseconds! / 1000)
        }
        if arguments.embedding == nil && arguments.mode == "vector" {
            throw APIError(
                .unprocessableContent, .invalidEmbedding,
                "mode 'vector' needs an embedding: send one, or configure an embedder (EMBED_PROVIDER)")
        }

        let retrieveStarted = ContinuousClock.now
        let (call, reason) = (arguments, degradedReason)
        let answer = try await services.withTenant(principal.tenant, context: context) { connection in
            try await connection.ragQuery(call, degradedReason: reason, logger: context.logger)
        }
        let retrieveMilliseconds = ContinuousClock.now.milliseconds(since: retrieveStarted)
        services.metrics.stage(.retrieve, seconds: retrieveMilliseconds / 1000)

        services.recorder.record(
            PerformanceRecord(
                tenant: principal.tenant, requestID: context.requestID, endpoint: "/rag/query", status: 200,
                topK: arguments.topK, resultCount: answer.resultCount, weightsVersion: answer.weightsVersion,
                model: answer.model, embedMilliseconds: embedMilliseconds, retrieveMilliseconds: retrieveMilliseconds,
                totalMilliseconds: ContinuousClock.now.milliseconds(since: started)))
        return Response.json(answer.json)
    }
}

extension ContinuousClock.Instant {
    /// Milliseconds from `start` to this instant.
    func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = self - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
