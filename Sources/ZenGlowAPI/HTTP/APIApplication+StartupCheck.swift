import Logging
import ZenGlowCache

extension APIApplication {
    /// What `zenglow serve` checks before it listens. Redis unreachable is logged and the API
    /// starts degraded (it serves, uncached, per-instance limits) because Redis may come later;
    /// Redis refusing `REDIS_PASSWORD` is a configuration error and stops the start-up, with a
    /// message that names the key and never the password.
    public func startupCheck(logger: Logger) async throws {
        guard let redis = services.redis else { return }
        switch await redis.probe() {
        case .success:
            logger.info("Redis reachable", metadata: ["zg.redis": "\(redis.configuration.endpointDescription)"])
        case .failure(let error) where error.code == .authenticationFailed:
            throw error
        case .failure(let error):
            logger.warning(
                "Redis unreachable at start-up; serving without it until it answers",
                metadata: ["zg.redis": "\(redis.configuration.endpointDescription)", "zg.error": "\(error)"])
        }
    }
}
