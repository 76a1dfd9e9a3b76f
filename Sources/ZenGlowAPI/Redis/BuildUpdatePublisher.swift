import Foundation
import Logging
import ZenGlowCache

/// Publishes a ``BuildUpdate`` on `REDIS_BUILD_CHANNEL` for each notification that announces one.
/// Every instance's LISTEN service receives every notification, so the first instance to claim
/// it (`SET NX` on a key derived from the channel and payload, 10 s) publishes and the others stay
/// quiet: subscribers get each update once. Two identical notifications within those 10 s (the
/// same model activated twice) are announced once. Redis down: the update is lost and logged —
/// the LISTEN/NOTIFY stream and `/events` stay the durable path.
struct BuildUpdatePublisher: Sendable {
    /// Claims the notification and publishes in one atomic step: a claim whose PUBLISH failed
    /// would otherwise leave the update announced by no instance. -1 when another instance has it.
    static let claimAndPublish = RedisScript(
        source: """
            if redis.call('SET', KEYS[1], '1', 'NX', 'EX', 10) then
              return redis.call('PUBLISH', ARGV[1], ARGV[2])
            end
            return -1
            """)

    let redis: APIRedis
    let metrics: APIMetrics
    let logger: Logger

    func publish(channel: String, payload: String) async {
        guard let update = BuildUpdate(channel: channel, payload: payload, at: Date()) else { return }
        let claim = "\(redis.configuration.keyPrefix):bu:" + CacheKey.sha1Hex(channel + "\u{1f}" + payload)
        let configuration = redis.configuration
        let published = await redis.attempt("build_updates") { client -> Bool in
            let reply = try await client.evaluate(
                Self.claimAndPublish, keys: [claim], arguments: [configuration.buildChannel, update.json])
            return reply != .integer(-1)
        }
        switch published {
        case .some(true): metrics.buildUpdatesPublished.increment()
        case .some(false): break
        case .none:
            logger.warning(
                "build update not published: Redis unreachable",
                metadata: ["zg.update": "\(update.type.rawValue)", "zg.tenant": "\(update.tenantID)"])
        }
    }
}
