/// One rate-limit decision.
public struct RateLimitOutcome: Sendable, Equatable {
    /// Whether the request may go ahead (and was counted).
    public let allowed: Bool
    /// The policy's burst: the most requests a full bucket allows at once.
    public let limit: Int
    /// Requests of cost 1 that would be allowed right after this one.
    public let remaining: Int
    /// When limited, whole seconds (≥ 1) until a request of the same cost can be allowed; 0 when allowed.
    public let retryAfterSeconds: Int
    /// Whole seconds until the bucket is full again (0 when it is full).
    public let resetAfterSeconds: Int

    /// An outcome as the GCRA script reports it.
    public init(allowed: Bool, limit: Int, remaining: Int, retryAfterSeconds: Int, resetAfterSeconds: Int) {
        self.allowed = allowed
        self.limit = limit
        self.remaining = remaining
        self.retryAfterSeconds = retryAfterSeconds
        self.resetAfterSeconds = resetAfterSeconds
    }
}
