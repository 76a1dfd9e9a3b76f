import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle

/// Holds one LISTEN connection to the primary on `zenglow_weights`, `zenglow_manifest` and
/// `zenglow_keys`.
/// NOTIFY is a hint, not the truth: after every (re)connect and on a polling backstop it re-reads
/// the weights it caches, and it reconnects with capped exponential backoff.
public struct NotificationListener: Service {
    static let channels: [(String, ChangeEvent.Kind)] = [
        ("zenglow_weights", .weights), ("zenglow_manifest", .manifest),
    ]
    /// Key changes (revocation, expiry, scopes): `{tenant_id, prefix}`; they empty the key cache's entry.
    static let keysChannel = "zenglow_keys"

    let configuration: APIConfiguration
    let weights: FusionWeightsCache
    let keys: APIKeyCache
    let feed: ChangeFeed
    let status: ListenerStatus
    let metrics: APIMetrics
    let logger: Logger

    public func run() async throws {
        await cancelWhenGracefulShutdown { await listenUntilCancelled() }
        await status.didDisconnect()
        await feed.finishAll()
    }

    private func listenUntilCancelled() async {
        let cap = Duration.milliseconds(configuration.listenerBackoffMaxMilliseconds)
        var backoff = Duration.milliseconds(50)
        while !Task.isCancelled {
            do {
                try await listenOnce { backoff = .milliseconds(50) }
            } catch {
                await keys.listenerConnected(false)
                await status.didDisconnect()
                metrics.listenerConnected.record(0)
                if Task.isCancelled { return }
                metrics.listenerReconnects.increment()
                logger.warning(
                    "LISTEN connection lost; reconnecting",
                    metadata: ["zg.error": "\(DatabaseErrorSummary(error))", "zg.backoff": "\(backoff)"])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, cap)
            }
        }
    }

    /// One connection's life: connect, LISTEN on both channels, re-read, then relay
    /// notifications and poll until the connection breaks.
    private func listenOnce(connected: () -> Void) async throws {
        var options = try configuration.database.url.connectionConfiguration()
        options.options.additionalStartupParameters = APIDatabase.startupParameters(
            configuration, applicationName: "zenglow-listener")
        let connection = try await PostgresConnection.connect(configuration: options, id: 0, logger: logger)
        do {
            try await connection.listen(on: Self.channels[0].0) { weightsNotifications in
                try await connection.listen(on: Self.channels[1].0) { manifestNotifications in
                    try await connection.listen(on: Self.keysChannel) { keyNotifications in
                        try await weights.reloadAll(logger: logger)
                        await keys.listenerConnected(true)
                        connected()
                        await status.didConnect()
                        metrics.listenerConnected.record(1)
                        logger.info("listening for weight, manifest and key changes")
                        try await relayUntilClosed(
                            weights: weightsNotifications, manifest: manifestNotifications, keys: keyNotifications)
                    }
                }
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }

    private func relayUntilClosed(
        weights weightsNotifications: PostgresNotificationSequence,
        manifest manifestNotifications: PostgresNotificationSequence,
        keys keyNotifications: PostgresNotificationSequence
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await notification in weightsNotifications {
                    await relay(kind: .weights, payload: notification.payload)
                }
                throw NotificationsEnded()
            }
            group.addTask {
                for try await notification in manifestNotifications {
                    await relay(kind: .manifest, payload: notification.payload)
                }
                throw NotificationsEnded()
            }
            group.addTask {
                for try await notification in keyNotifications {
                    await forgetKey(payload: notification.payload)
                }
                throw NotificationsEnded()
            }
            group.addTask {
                while true {
                    try await Task.sleep(for: .seconds(configuration.weightsPollSeconds))
                    try await weights.reloadAll(logger: logger)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// A notification sequence ended: the connection is gone.
    struct NotificationsEnded: Error, CustomStringConvertible {
        var description: String { "the LISTEN connection closed" }
    }

    private func forgetKey(payload: String) async {
        guard let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
            let prefix = object["prefix"] as? String
        else {
            // Unreadable: forget everything rather than risk keeping a revoked key.
            await keys.listenerConnected(true)
            return
        }
        await keys.forget(prefix: prefix)
    }

    private func relay(kind: ChangeEvent.Kind, payload: String) async {
        guard let event = ChangeEvent(kind: kind, payload: payload) else {
            logger.warning("ignored a malformed notification", metadata: ["zg.channel": "\(kind.rawValue)"])
            return
        }
        if kind == .weights {
            do {
                try await weights.reload(tenant: event.tenant, requestID: "weights-notify", logger: logger)
            } catch {
                logger.warning("could not re-read weights", metadata: ["zg.error": "\(DatabaseErrorSummary(error))"])
            }
        }
        await feed.publish(event)
    }
}
