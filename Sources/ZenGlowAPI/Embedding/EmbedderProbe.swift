import ZenGlowEmbedding

/// Whether the configured embedder can answer, for `/health/ready`.
///
/// The local model was loaded and checked when the application was built, so it is ready as long
/// as it exists. A remote embedder is asked to embed a short text (one attempt, bounded by its
/// timeout); the answer is remembered for `ttl`, so readiness polling does not hammer it, and
/// concurrent checks share one probe.
actor EmbedderProbe {
    struct Outcome: Sendable {
        let ok: Bool
        let detail: String
    }

    let embedder: (any TextEmbedder)?
    let ttl: Duration
    private var last: (outcome: Outcome, at: ContinuousClock.Instant)?
    private var running: Task<Outcome, Never>?

    init(embedder: (any TextEmbedder)?, ttl: Duration = .seconds(5)) {
        self.embedder = embedder
        self.ttl = ttl
    }

    func check() async -> Outcome {
        guard let embedder else {
            return Outcome(ok: true, detail: "none: queries without an embedding are answered lexically")
        }
        let summary = EmbedderDescription(embedder).summary
        if embedder is LocalEmbedder { return Outcome(ok: true, detail: summary + ", loaded") }
        if let last, ContinuousClock.now - last.at < ttl { return last.outcome }
        let probe =
            running
            ?? Task {
                do {
                    let vectors =
                        if let remote = embedder as? OpenAICompatibleEmbedder {
                            try await remote.attempt(["zenglow readiness probe"])
                        } else {
                            try await embedder.embed(["zenglow readiness probe"])
                        }
                    guard vectors.first?.count == embedder.dimensions else {
                        return Outcome(ok: false, detail: summary + ": answered a vector of another width")
                    }
                    return Outcome(ok: true, detail: summary + ", answering")
                } catch {
                    return Outcome(ok: false, detail: summary + ": \(error)")
                }
            }
        running = probe
        let outcome = await probe.value
        running = nil
        last = (outcome, ContinuousClock.now)
        return outcome
    }
}
