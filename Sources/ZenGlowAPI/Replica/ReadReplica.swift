import Logging
import PostgresNIO
import Synchronization
import ZenGlowDB

/// The pool on the streaming replica of `DATABASE_READ_URL`, where `POST /rag/query` reads, and
/// what decides whether it is tried: its ``ReplicaCircuit`` and the bounds on waiting for it.
/// Connections act as the API role under the same rules as the primary's.
public struct ReadReplica: Sendable {
    public let client: PostgresClient
    public let url: DatabaseURL
    /// Open after a failure: reads go to the primary until the backoff passes.
    public let circuit: ReplicaCircuit
    /// How long a read waits for a replica connection before it goes to the primary.
    let connectTimeout: Duration
    /// How long a query's `min_lsn` waits for the replica to replay that far.
    let replayWait: Duration

    init(url: DatabaseURL, configuration: APIConfiguration, logger: Logger) {
        self.url = url
        var pool = url.clientConfiguration(
            startupParameters: APIDatabase.startupParameters(
                configuration, url: url, applicationName: "zenglow-api-read"))
        pool.options.maximumConnections = configuration.readPoolSize
        pool.options.minimumConnections = 0
        connectTimeout = .milliseconds(configuration.readConnectTimeoutMilliseconds)
        pool.options.connectTimeout = connectTimeout
        client = PostgresClient(configuration: pool, backgroundLogger: logger)
        circuit = ReplicaCircuit(
            initialBackoff: .milliseconds(configuration.readRetryMilliseconds),
            maximumBackoff: .milliseconds(configuration.readRetryMaxMilliseconds))
        replayWait = .milliseconds(configuration.readLSNWaitMilliseconds)
    }

    /// Runs `body` on a replica connection; throws ``ReplicaUnreachable`` when none is leased
    /// within `connectTimeout` (postgres-nio's pool keeps a lease waiting while it retries a
    /// server that refuses connections). Once leased, `body` runs as long as it needs.
    func withConnection<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let leased = LeaseFlag()
        let client = self.client
        let timeout = connectTimeout
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await client.withConnection { connection in
                    leased.set()
                    return try await body(connection)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                if !leased.isSet { throw ReplicaUnreachable() }
                return nil
            }
            while let finished = try await group.next() {
                if let result = finished {
                    group.cancelAll()
                    return result
                }
            }
            throw ReplicaUnreachable()
        }
    }

    /// Waits until the replica has replayed `minimum` (polling `pg_last_wal_replay_lsn()` every
    /// few milliseconds) for at most `replayWait`; false when it did not get there in time.
    func waitForReplay(to minimum: WALPosition, logger: Logger) async throws -> Bool {
        let deadline = ContinuousClock.now + replayWait
        while true {
            let status = try await withConnection { try await $0.replayStatus(logger: logger) }
            if let position = status.position, position >= minimum { return true }
            let now = ContinuousClock.now
            if now >= deadline { return false }
            try await Task.sleep(for: min(.milliseconds(5), deadline - now))
        }
    }
}

/// No replica connection within `READ_CONNECT_TIMEOUT_MS`.
struct ReplicaUnreachable: Error, CustomStringConvertible {
    var description: String { "no read replica connection within READ_CONNECT_TIMEOUT_MS" }
}

/// Set once a connection was leased, so the lease timeout no longer applies.
private final class LeaseFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}
