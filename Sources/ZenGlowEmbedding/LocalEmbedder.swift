import Dispatch
import Foundation

/// The native encoder behind async callers (`EMBED_PROVIDER=local`).
///
/// Encoding is CPU-bound, so it runs on a queue of its own, never on Swift's cooperative pool or
/// NIO's event loops. Requests that arrive while a pass runs are coalesced into the next pass:
/// under load, many single queries become one batch instead of a queue of single passes.
public final class LocalEmbedder: TextEmbedder, @unchecked Sendable {
    // Mutable state (`pending`, `draining`) is only touched under `lock`.
    public let encoder: SentenceEncoder
    /// How many ~2,048-token slices of one call run in parallel (a single short text uses one).
    public let threads: Int
    public var model: String { encoder.directory.expected.name }
    public var dimensions: Int { encoder.dimensions }

    private struct Request {
        let texts: [String]
        let continuation: CheckedContinuation<[[Float]], Never>
    }
    private let lock = NSLock()
    private var pending: [Request] = []
    private var draining = false
    private let queue = DispatchQueue(label: "zenglow.embedding", qos: .userInitiated)

    public init(encoder: SentenceEncoder, threads: Int = 1) {
        self.encoder = encoder
        self.threads = max(1, threads)
    }

    /// Loads the model in `directory` (verifying it) and wraps it.
    public convenience init(directory: ModelDirectory, threads: Int = 1) throws {
        self.init(encoder: try SentenceEncoder(directory: directory), threads: threads)
    }

    /// How many tokens `texts` are embedded as (special tokens included, each text truncated to
    /// the model's sequence length): `usage.prompt_tokens` of `POST /v1/embeddings`.
    public func tokenCount(_ texts: [String]) -> Int {
        texts.reduce(0) { $0 + encoder.tokenizer.tokenize($1).count }
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        return await withCheckedContinuation { continuation in
            let start = lock.withLock {
                pending.append(Request(texts: texts, continuation: continuation))
                defer { draining = true }
                return !draining
            }
            if start { queue.async { self.drain() } }
        }
    }

    private func drain() {
        while true {
            let requests = lock.withLock {
                defer { pending = [] }
                if pending.isEmpty { draining = false }
                return pending
            }
            guard !requests.isEmpty else { return }
            let vectors = encoder.embed(requests.flatMap(\.texts), threads: threads)
            var offset = 0
            for request in requests {
                request.continuation.resume(returning: Array(vectors[offset..<(offset + request.texts.count)]))
                offset += request.texts.count
            }
        }
    }
}
