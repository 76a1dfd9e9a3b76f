import Logging
import PostgresNIO
import ServiceLifecycle

/// Holds one LISTEN connection to the primary on a set of channels, for any ZenGlow process (the
/// API, the spool worker, …). NOTIFY is a hint, not the truth, so the listener:
/// - calls `resync` after every (re)connect, once LISTEN is in place, so nothing announced while
///   it was away is missed, and again every `pollInterval` as a backstop for lost notifications;
/// - reconnects with capped exponential backoff when the connection breaks;
/// - reports each change of connectedness through `status` and `connectionChanged`.
/// It ends on graceful shutdown or cancellation.
public struct ChangeListener: Service {
    /// One notification as it arrived.
    public struct Notification: Sendable {
        public let channel: String
        public let payload: String
    }

    let url: DatabaseURL
    let startupParameters: [(String, String)]
    let channels: [String]
    let pollInterval: Duration
    let maximumBackoff: Duration
    let status: ListenerStatus
    let logger: Logger
    let resync: @Sendable () async throws -> Void
    let receive: @Sendable (Notification) async -> Void
    let connectionChanged: @Sendable (Bool) async -> Void

    /// - Parameters:
    ///   - startupParameters: sent on the listening connection (its `application_name`, `role`).
    ///   - resync: re-reads what the notifications are about; a failure counts as a broken connection.
    ///   - receive: called for each notification, in arrival order per channel.
    ///   - connectionChanged: true once listening, false when the connection is lost.
    public init(
        url: DatabaseURL,
        startupParameters: [(String, String)],
        channels: [String],
        pollInterval: Duration,
        maximumBackoff: Duration,
        status: ListenerStatus,
        logger: Logger,
        resync: @escaping @Sendable () async throws -> Void,
        receive: @escaping @Sendable (Notification) async -> Void,
        connectionChanged: @escaping @Sendable (Bool) async -> Void = { _ in }
    ) {
        self.url = url
        self.startupParameters = startupParameters
        self.channels = channels
        self.pollInterval = pollInterval
        self.maximumBackoff = maximumBackoff
        self.status = status
        self.logger = logger
        self.resync = resync
        self.receive = receive
        self.connectionChanged = connectionChanged
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await listenUntilCancelled() }
        await status.didDisconnect()
    }

    private func listenUntilCancelled() async {
        let initialBackoff = Duration.milliseconds(50)
        var backoff = initialBackoff
        while !Task.isCancelled {
            let connectionsBefore = await status.connections
            do {
                try await listenOnce()
            } catch {
                // A connection that got as far as listening starts the backoff again.
                if await status.connections > connectionsBefore { backoff = initialBackoff }
                await connectionChanged(false)
                await status.didDisconnect()
                if Task.isCancelled { return }
                logger.warning(
                    "LISTEN connection lost; reconnecting",
                    metadata: ["zg.error": "\(DatabaseError(error))", "zg.backoff": "\(backoff)"])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, maximumBackoff)
            }
        }
    }

    /// One connection's life: connect, LISTEN on every channel, resync, then relay notifications
    /// and poll until the connection breaks.
    private func listenOnce() async throws {
        var configuration = try url.connectionConfiguration()
        configuration.options.additionalStartupParameters = startupParameters
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        do {
            try await listen(connection, on: channels[...], collected: []) { sequences in
                try await resync()
                // The owner first, then the status: whoever waits on the status sees a listener
                // whose effects (a cache switched on) are already in place.
                await connectionChanged(true)
                await status.didConnect()
                logger.info("listening", metadata: ["zg.channels": "\(channels.joined(separator: ","))"])
                try await relayUntilClosed(sequences)
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }

    /// LISTENs on each of `remaining` in turn (postgres-nio scopes each LISTEN to a closure and
    /// UNLISTENs when it returns), then runs `body` with every channel's sequence.
    private func listen(
        _ connection: PostgresConnection,
        on remaining: ArraySlice<String>,
        collected: [(String, PostgresNotificationSequence)],
        _ body: @escaping @Sendable ([(String, PostgresNotificationSequence)]) async throws -> Void
    ) async throws {
        guard let channel = remaining.first else { return try await body(collected) }
        try await connection.listen(on: channel) { notifications in
            try await listen(
                connection, on: remaining.dropFirst(), collected: collected + [(channel, notifications)], body)
        }
    }

    private func relayUntilClosed(_ sequences: [(String, PostgresNotificationSequence)]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (channel, notifications) in sequences {
                group.addTask {
                    for try await notification in notifications {
                        await receive(Notification(channel: channel, payload: notification.payload))
                    }
                    throw NotificationsEnded()
                }
            }
            group.addTask {
                while true {
                    try await Task.sleep(for: pollInterval)
                    try await resync()
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
}
