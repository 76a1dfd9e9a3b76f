import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Tracing
import ZenGlowEmbedding

/// An OpenAI-compatible `POST {base}/embeddings` (`EMBED_PROVIDER=openai`): another ZenGlow
/// instance's `/v1/embeddings`, OpenAI itself, or any server that speaks the same format.
public struct OpenAICompatibleEmbedder: TextEmbedder {
    public let configuration: EmbedderConfiguration
    let client: HTTPClient
    let logger: Logger

    public var model: String { configuration.model }
    public var dimensions: Int { configuration.dimensions }

    public init(configuration: EmbedderConfiguration, client: HTTPClient = .shared, logger: Logger? = nil) {
        self.configuration = configuration
        self.client = client
        self.logger = logger ?? Logger(label: "zenglow.embedder")
    }

    /// One vector per text, in order; one retry after a failed or timed-out attempt, each attempt
    /// bounded by the configured timeout. Failures are `EmbeddingError(.embedderUnavailable)`
    /// naming the status or reason, never the API key.
    /// The `embed` span covers both attempts; each request carries a W3C `traceparent`.
    public func embed(_ texts: [String]) async throws -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        return try await withSpan("embed", ofKind: .client) { span in
            span.attributes["zg.embed.provider"] = "openai"
            span.attributes["zg.embed.model"] = model
            span.attributes["zg.embed.inputs"] = texts.count
            span.attributes["server.address"] = URL(string: endpoint)?.host
            do {
                return try await attempt(texts)
            } catch {
                logger.debug("embedding failed once, retrying", metadata: ["zg.error": "\(error)"])
                span.attributes["zg.embed.retried"] = true
                return try await attempt(texts)
            }
        }
    }

    /// A single attempt at embedding `texts`: what readiness probes use, so a probe is bounded by
    /// one timeout.
    func attempt(_ texts: [String]) async throws -> [[Float]] {
        struct Body: Encodable {
            let model: String
            let input: [String]
        }
        struct Answer: Decodable {
            struct Item: Decodable {
                let index: Int
                let embedding: [Float]
            }
            let data: [Item]
        }
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let key = configuration.apiKey { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        // An HTTPClient made after the tracer was bootstrapped opens its own client span and
        // sends that span's traceparent; one made without a tracer sends none, so the embed span's.
        if client.tracer == nil, let context = ServiceContext.current {
            InstrumentationSystem.instrument.inject(context, into: &request.headers, using: HTTPHeadersInjector())
        }
        request.body = .bytes(
            ByteBuffer(data: try JSONEncoder().encode(Body(model: configuration.model, input: texts))))
        let timeout = TimeAmount.milliseconds(Int64(configuration.timeoutMilliseconds))
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await client.execute(request, timeout: timeout)
            body = try await response.body.collect(upTo: 256 << 20)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw failure("did not answer within \(configuration.timeoutMilliseconds) ms")
        } catch let error as EmbeddingError {
            throw error
        } catch {
            throw failure("could not be reached: \(error)")
        }
        guard response.status == .ok else {
            throw failure("answered \(response.status.code) \(response.status.reasonPhrase)")
        }
        let answer: Answer
        do {
            answer = try JSONDecoder().decode(Answer.self, from: Data(buffer: body))
        } catch {
            throw failure("answered with a body that is not an embeddings list")
        }
        guard answer.data.count == texts.count else {
            throw failure("answered \(answer.data.count) embeddings for \(texts.count) inputs")
        }
        var vectors = [[Float]](repeating: [], count: texts.count)
        for item in answer.data {
            guard vectors.indices.contains(item.index), vectors[item.index].isEmpty else {
                throw failure("answered an embedding with index \(item.index), missing or repeated")
            }
            guard item.embedding.count == dimensions else {
                throw failure(
                    "answered \(item.embedding.count) dimensions at index \(item.index); \(model) has \(dimensions)")
            }
            guard item.embedding.allSatisfy(\.isFinite) else {
                throw failure("answered a non-finite value at index \(item.index)")
            }
            vectors[item.index] = item.embedding
        }
        return vectors
    }

    /// `{base}/embeddings`, however many slashes the base ends in.
    var endpoint: String {
        var base = configuration.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/embeddings"
    }

    private func failure(_ reason: String) -> EmbeddingError {
        EmbeddingError(.embedderUnavailable, "embedder \(endpoint) \(reason)")
    }
}

private struct HTTPHeadersInjector: Injector {
    func inject(_ value: String, forKey key: String, into headers: inout HTTPHeaders) {
        headers.replaceOrAdd(name: key, value: value)
    }
}
