/// Where the maintainer serves its metrics: MAINTAIN_METRICS_HOST (default 127.0.0.1) and
/// MAINTAIN_METRICS_PORT (default 9466; 0 serves none).
public struct MaintainerSettings: Sendable, Equatable {
    public var metricsHost = "127.0.0.1"
    public var metricsPort = 9466

    public init() {}

    /// From the environment; a malformed value is refused, naming the variable and the value.
    public init(environment: [String: String]) throws(MaintenanceError) {
        if let host = environment["MAINTAIN_METRICS_HOST"], !host.isEmpty { metricsHost = host }
        if let raw = environment["MAINTAIN_METRICS_PORT"], !raw.isEmpty {
            guard let port = Int(raw), (0...65535).contains(port) else {
                throw MaintenanceError(
                    "MAINTAIN_METRICS_PORT=\(raw) is not an integer in 0...65535 (0: no metrics server)")
            }
            metricsPort = port
        }
    }
}
