import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Turns query text into an embedding of the active model.
public protocol QueryEmbedder: Sendable {
    func embed(_ text: String, logger: Logger) async throws -> [Float]
}

/// An OpenAI-compatible `POST {base}/embeddings`.
public struct OpenAICompatibleEmbedder: QueryEmbedder {
    public let configuration: EmbedderConfiguration
    let client: HTTPClient

    public init(configuration: EmbedderConfiguration, client: HTTPClient = .shared) {
        self.configuration = configuration
        self.client = client
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The embedding of `text`; one retry after a failed or timed-out attempt, each attempt
    /// bounded by the configured timeout.
    public func embed(_ text: String, logger: Logger) async throws -> [Float] {
        do {
            return try await attempt(text)
        } catch {
            logger.debug("embedding failed once, retrying", metadata: ["zg.error": "\(error)"])
            return try await attempt(text)
        }
    }

    private func attempt(_ text: String) async throws -> [Float] {
        struct Body: Encodable {
            let model: String
            let input: [String]
        }
        struct Answer: Decodable {
            struct Item: Decodable { let embedding: [Float] }
            let data: [Item]
        }
        var base = configuration.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        var request = HTTPClientRequest(url: base + "/embeddings")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let key = configuration.apiKey { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        request.body = .bytes(
            ByteBuffer(data: try JSONEncoder().encode(Body(model: configuration.model, input: [text]))))
        let timeout = TimeAmount.milliseconds(Int64(configuration.timeoutMilliseconds))
        let response = try await client.execute(request, timeout: timeout)
        guard response.status == .ok else { throw Failure(description: "embedder answered \(response.status.code)") }
        let body = try await response.body.collect(upTo: 16 << 20)
        guard let embedding = try JSONDecoder().decode(Answer.self, from: Data(buffer: body)).data.first?.embedding,
            !embedding.isEmpty, embedding.allSatisfy(\.isFinite)
        else { throw Failure(description: "embedder answered without a usable embedding") }
        return embedding
    }
}
