import Foundation

/// Where and how the gate is told about runs (`GATE_URL`, `GATE_TOKEN`, `GATE_TIMEOUT`; read by the
/// spool's configuration). Without a URL there is no gate: events are neither sent nor recorded.
public struct GateConfiguration: Sendable {
    /// The receiver's endpoint, POSTed to; nil turns the gate off.
    public var url: URL?
    /// Sent as `Authorization: Bearer …` and the key of the body's HMAC-SHA256 signature; without
    /// it deliveries go out unauthenticated and unsigned (a warning says so once).
    public var token: String?
    /// The bound on one delivery attempt, connecting included.
    public var timeout: Duration
    /// The pause after the first failed attempt; each further failure doubles it.
    public var retryBase: Duration
    /// The longest pause between attempts, however many have failed.
    public var retryMax: Duration

    public init(
        url: URL?, token: String?, timeout: Duration = .seconds(5), retryBase: Duration = .milliseconds(500),
        retryMax: Duration = .seconds(60)
    ) {
        self.url = url
        self.token = token
        self.timeout = timeout
        self.retryBase = retryBase
        self.retryMax = retryMax
    }

    /// The pause before the next attempt after `failures` consecutive failed ones (at least one):
    /// `retryBase · 2^(failures−1)`, capped at `retryMax`, then scaled by a random factor in
    /// [0.5, 1] so that many workers whose gate came back do not all retry in the same instant.
    public func retryDelay(afterFailures failures: Int) -> Duration {
        let exponent = min(max(failures - 1, 0), 40)
        let capped = min(retryBase * (1 << exponent), retryMax)
        return capped * Double.random(in: 0.5...1)
    }
}
