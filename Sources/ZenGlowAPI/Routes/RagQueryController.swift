import Hummingbird
import Logging
import ZenGlowDB

/// `POST /rag/query`: validate, look in the response cache, embed when needed, one SQL call,
/// store, encode. Every answer says what the cache did (`cache`: hit, miss or bypass). What the
/// query record needs is noted on ``QueryOutcome/current`` as it becomes known;
/// ``QueryOutcomeMiddleware`` records it, whatever the outcome.
struct RagQueryController {
    let services: APIServices

    func query(_ request: Request, context: APIRequestContext) async throws -> Response {
        let record = QueryOutcome.current
        let principal = try context.principal(requiring: .query)
        let configuration = services.configuration
        let body = try await request.decode(
            RagQueryRequest.self, limit: configuration.queryMaxBodyBytes, context: context)
        var arguments = try body.arguments(configuration: configuration)
        let minimumPosition = try body.minimumPosition()
        let queryText = configuration.logQueryText ? QueryTextScrubber.scrub(arguments.query) : nil
        record?.update { [arguments] in
            $0.mode = arguments.mode
            $0.topK = arguments.topK
            $0.queryText = queryText
        }
        if let queryText {
            context.logger.info("query", metadata: ["zg.query": .string(queryText)])
        }

        // The replica when configured and caught up with min_lsn, else the primary. The cache
        // generation is read where the query will run, so a key never names a newer corpus than
        // the answer stored under it (docs/scaling.md).
        var source = await services.readSource(minimum: minimumPosition, context: context)
        var cacheKey: QueryCacheKey?
        if let cache = services.queryCache, await cache.isUsable() {
            let logger = context.logger
            let (generation, readFrom) = try await services.withReadTenant(
                principal.tenant, on: source, context: context
            ) { connection in
                try await connection.cacheGeneration(logger: logger)
            }
            source = readFrom
            let key = QueryCacheKey(
                prefix: cache.redis.configuration.keyPrefix, tenant: principal.tenant, arguments: arguments,
                embedder: cache.embedder, generation: generation)
            let (stored, reachable) = await cache.lookup(key)
            if let stored {
                services.metrics.cache(.hit)
                record?.update {
                    $0.cacheHit = true
                    $0.weightsVersion = generation.weightsVersion
                    $0.model = generation.model
                    $0.resultCount = stored.summary.resultCount
                    $0.ltrVersion = stored.summary.ltrVersion
                    $0.degradedReason = stored.summary.degraded
                    $0.resultSources = stored.summary.resultSources
                    $0.topDocuments = stored.summary.topDocuments
                }
                // The stored body is replayed as it is, timing block included: that block describes
                // the query that computed the answer, so a hit records no stage times of its own.
                return Response.json(
                    JSONObjectText.prepending(
                        "cache", CacheOutcome.hit.rawValue,
                        to: JSONObjectText.prepending("read_from", source.rawValue, to: stored.body)))
            }
            if reachable { cacheKey = key }
        }

        var degradedReason: String?
        if arguments.embedding == nil, let embedder = services.embedder {
            let embedStarted = ContinuousClock.now
            do {
                arguments.embedding = try await embedder.embedInSpan([arguments.query]).first
            } catch {
                degradedReason = "embedder_unavailable"
                context.logger.warning("embedder unavailable; answering lexically", metadata: ["zg.error": "\(error)"])
            }
            let embedMilliseconds = ContinuousClock.now.milliseconds(since: embedStarted)
            services.metrics.stage(.embed, seconds: embedMilliseconds / 1000)
            record?.update { [degradedReason] in
                $0.embedMilliseconds = embedMilliseconds
                $0.degradedReason = degradedReason
            }
        }
        if arguments.embedding == nil && arguments.mode == "vector" {
            throw APIError(
                .unprocessableContent, .invalidEmbedding,
                "mode 'vector' needs an embedding: send one, or configure an embedder (EMBED_PROVIDER)")
        }

        let retrieveStarted = ContinuousClock.now
        let (call, reason) = (arguments, degradedReason)
        let logger = context.logger
        let (answer, readFrom) = try await services.withReadTenant(principal.tenant, on: source, context: context) {
            connection in
            try await Self.tracingSQLCall(tenant: principal.tenant, mode: call.mode, queryText: queryText) {
                try await connection.ragQuery(call, degradedReason: reason, logger: logger)
            }
        }
        let retrieveMilliseconds = ContinuousClock.now.milliseconds(since: retrieveStarted)
        services.metrics.stage(.retrieve, seconds: retrieveMilliseconds / 1000)
        if let timing = answer.timing {
            services.metrics.stages(timing)
        }
        record?.update {
            $0.retrieveMilliseconds = retrieveMilliseconds
            $0.featuresMilliseconds = answer.timing?[.features]
            $0.ltrMilliseconds = answer.timing?[.ltr]
            $0.fusionMilliseconds = answer.timing?[.fusion]
            $0.resultCount = answer.resultCount
            $0.weightsVersion = answer.weightsVersion
            $0.ltrVersion = answer.ltrVersion
            $0.model = answer.model
            // Why the caller could not embed says more than rag_query's "no_embedding" that follows from it.
            $0.degradedReason = reason ?? answer.degraded
            $0.resultSources = answer.resultSources
            $0.topDocuments = answer.topDocuments
        }

        // A degraded answer (embedder down) is not what the same request gets once it is back.
        var outcome = CacheOutcome.bypass
        if let cache = services.queryCache, let cacheKey, degradedReason == nil {
            let summary = CachedAnswer.Summary(
                resultCount: answer.resultCount, ltrVersion: answer.ltrVersion, degraded: answer.degraded,
                resultSources: answer.resultSources, topDocuments: answer.topDocuments)
            await cache.store(CachedAnswer(summary: summary, body: answer.json), under: cacheKey)
            outcome = .miss
        }
        services.metrics.cache(outcome)
        return Response.json(
            JSONObjectText.prepending(
                "cache", outcome.rawValue,
                to: JSONObjectText.prepending("read_from", readFrom.rawValue, to: answer.json)))
    }
}

extension ContinuousClock.Instant {
    /// Milliseconds from `start` to this instant.
    func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = self - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
