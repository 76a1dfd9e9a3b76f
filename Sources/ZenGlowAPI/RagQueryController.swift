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
        let options = "{\"candidates\": \(max(configuration.fusionCandidates, query.topK))}"
        let json = try await services.metrics.usingDatabase {
            try await services.database.call(
                "zenglow_api.rag_query($3, $4, $5, $6::jsonb, $7, $8, $9::jsonb)", tenant: principal.tenant,
                requestID: context.requestID, logger: context.logger
            ) { binds in
                binds.append(query.query)
                binds.append(query.embedding)
                binds.append(Int32(query.topK))
                binds.append(query.filtersJSON)
                binds.append(query.explain)
                binds.append(query.mode)
                binds.append(options)
            }
        }
        let retrieveMilliseconds = Self.milliseconds(since: retrieveStarted)
        services.metrics.stage(.retrieve, seconds: retrieveMilliseconds / 1000)
        guard var body = json else { throw APIError(.internalServerError, .internalError, "no answer") }

        let encodeStarted = ContinuousClock.now
        let summary = Self.summary(of: body)
        if let degradedReason {
            // rag_query already says degraded: "no_embedding"; say why as well.
            body = "{\"degraded_reason\": \"\(degradedReason)\", " + body.dropFirst()
        }
        services.metrics.stage(.encode, seconds: Self.milliseconds(since: encodeStarted) / 1000)
        services.recorder.record(
            PerformanceRecord(
                tenant: principal.tenant, requestID: context.requestID, endpoint: "/rag/query", status: 200,
                topK: query.topK, resultCount: summary.results, weightsVersion: summary.weightsVersion,
                model: summary.model, embedMilliseconds: embedMilliseconds, retrieveMilliseconds: retrieveMilliseconds,
                totalMilliseconds: Self.milliseconds(since: started)))
        return Response.json(body)
    }

    /// What the timings record needs from the answer, without decoding the results themselves.
    static func summary(of body: String) -> (results: Int?, weightsVersion: Int64?, model: String?) {
        struct Summary: Decodable {
            struct Ignored: Decodable {}
            let results: [Ignored]
            let weightsVersion: Int64?
            let model: String?
            enum CodingKeys: String, CodingKey {
                case results, model
                case weightsVersion = "weights_version"
            }
        }
        let summary = try? JSONDecoder().decode(Summary.self, from: Data(body.utf8))
        return (summary?.results.count, summary?.weightsVersion, summary?.model)
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}

extension Response {
    /// A JSON answer from text the database (or an encoder) produced.
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
