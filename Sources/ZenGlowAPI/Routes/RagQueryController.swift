import Hummingbird
import Logging
import ZenGlowDB

/// `POST /rag/query`: validate, look in the response cache, embed when needed, one SQL call,
/// store, encode. Every answer says what the cache did (`cache`: hit, miss or bypass).
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

        var cacheKey: QueryCacheKey?
        if let cache = services.queryCache, await cache.isUsable() {
            let generation = try await services.withTenant(principal.tenant, context: context) { connection in
                try await connection.cacheGeneration(logger: context.logger)
            }
            let key = QueryCacheKey(
                prefix: cache.redis.configuration.keyPrefix, tenant: principal.tenant, arguments: arguments,
                embedder: cache.embedder, generation: generation)
            let (stored, reachable) = await cache.lookup(key)
            if let stored {
                services.metrics.cache(.hit)
                services.recorder.record(
                    PerformanceRecord(
                        tenant: principal.tenant, requestID: context.requestID, endpoint: "/rag/query", status: 200,
                        topK: arguments.topK, resultCount: stored.resultCount,
                        weightsVersion: generation.weightsVersion, model: generation.model, cacheHit: true,
                        totalMilliseconds: ContinuousClock.now.milliseconds(since: started)))
                return Response.json(JSONObjectText.prepending("cache", CacheOutcome.hit.rawValue, to: stored.body))
            }
            if reachable { cacheKey = key }
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

        // A degraded answer (embedder down) is not what the same request gets once it is back.
        var outcome = CacheOutcome.bypass
        if let cache = services.queryCache, let cacheKey, degradedReason == nil {
            await cache.store(CachedAnswer(resultCount: answer.resultCount, body: answer.json), under: cacheKey)
            outcome = .miss
        }
        services.metrics.cache(outcome)

        services.recorder.record(
            PerformanceRecord(
                tenant: principal.tenant, requestID: context.requestID, endpoint: "/rag/query", status: 200,
                topK: arguments.topK, resultCount: answer.resultCount, weightsVersion: answer.weightsVersion,
                model: answer.model, embedMilliseconds: embedMilliseconds, retrieveMilliseconds: retrieveMilliseconds,
                totalMilliseconds: ContinuousClock.now.milliseconds(since: started)))
        return Response.json(JSONObjectText.prepending("cache", outcome.rawValue, to: answer.json))
    }
}

extension ContinuousClock.Instant {
    /// Milliseconds from `start` to this instant.
    func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = self - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
