import Foundation
import Logging
import ServiceLifecycle
import ZenGlowDB

/// The API's use of ``ChangeListener``: on `zenglow_weights` it re-reads the tenant's weights,
/// on `zenglow_manifest` and `zenglow_weights` it feeds `/events`, on `zenglow_keys` it forgets
/// the key; after every (re)connect and on the polling backstop it re-reads every cached tenant's
/// weights, and the key cache is used only while the connection is up. Batch, weight and model
/// changes are also published on Redis as build updates (``BuildUpdatePublisher``), so they follow
/// PostgreSQL's commit, not a request.
struct NotificationListener: Service {
    static let weightsChannel = "zenglow_weights"
    static let manifestChannel = "zenglow_manifest"
    /// Key changes (revocation, expiry, scopes): `{tenant_id, prefix}`.
    static let keysChannel = "zenglow_keys"
    /// Model activations: `{tenant_id: "_global", kind: "embedding" | "ltr", model, version}`.
    static let modelsChannel = "zenglow_models"

    let listener: ChangeListener
    let feed: ChangeFeed

    init(
        configuration: APIConfiguration, weights: FusionWeightsCache, keys: APIKeyCache, feed: ChangeFeed,
        status: ListenerStatus, metrics: APIMetrics, publisher: BuildUpdatePublisher?, logger: Logger
    ) {
        self.feed = feed
        listener = ChangeListener(
            // The primary itself (DATABASE_LISTEN_URL when DATABASE_URL names a transaction pooler):
            // NOTIFY does not reach replicas, and a pooler hands the connection on after each transaction.
            url: configuration.database.listenTarget,
            startupParameters: APIDatabase.startupParameters(
                configuration, url: configuration.database.listenTarget, applicationName: "zenglow-listener"),
            channels: [Self.weightsChannel, Self.manifestChannel, Self.keysChannel, Self.modelsChannel],
            pollInterval: .milliseconds(Int(configuration.weightsPollSeconds * 1000)),
            maximumBackoff: .milliseconds(configuration.listenerBackoffMaxMilliseconds),
            status: status, logger: logger,
            resync: { try await weights.reloadAll(logger: logger) },
            receive: { notification in
                await Self.handle(notification, weights: weights, keys: keys, feed: feed, logger: logger)
                await publisher?.publish(channel: notification.channel, payload: notification.payload)
            },
            connectionChanged: { connected in
                await keys.listenerConnected(connected)
                metrics.listenerConnected.record(connected ? 1 : 0)
                if !connected { metrics.listenerReconnects.increment() }
            })
    }

    func run() async throws {
        try await listener.run()
        await feed.finishAll()
    }

    private static func handle(
        _ notification: ChangeListener.Notification, weights: FusionWeightsCache, keys: APIKeyCache,
        feed: ChangeFeed, logger: Logger
    ) async {
        if notification.channel == keysChannel {
            await forgetKey(payload: notification.payload, keys: keys)
            return
        }
        if notification.channel == modelsChannel { return }
        let kind: ChangeEvent.Kind = notification.channel == weightsChannel ? .weights : .manifest
        guard let event = ChangeEvent(kind: kind, payload: notification.payload) else {
            logger.warning("ignored a malformed notification", metadata: ["zg.channel": "\(notification.channel)"])
            return
        }
        if kind == .weights {
            do {
                try await weights.reload(tenant: event.tenant, logger: logger)
            } catch {
                logger.warning("could not re-read weights", metadata: ["zg.error": "\(DatabaseError(error))"])
            }
        }
        await feed.publish(event)
    }

    private static func forgetKey(payload: String, keys: APIKeyCache) async {
        struct KeyChange: Decodable { let prefix: String }
        guard let change = try? JSONDecoder().decode(KeyChange.self, from: Data(payload.utf8)) else {
            // Unreadable: forget everything rather than risk keeping a revoked key.
            await keys.listenerConnected(true)
            return
        }
        await keys.forget(prefix: change.prefix)
    }
}
