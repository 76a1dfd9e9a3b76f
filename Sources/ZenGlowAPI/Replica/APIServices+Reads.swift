import Logging
import PostgresNIO
import ZenGlowDB

extension APIServices {
    /// Where a read-only retrieval that must see `minimum` (a query's `min_lsn`) goes: the
    /// replica when one is configured, its circuit is closed (or due for a retry) and — with
    /// `minimum` — it replays that far within `READ_LSN_WAIT_MS`; else the primary, which has
    /// every commit. Never throws: a replica that cannot answer is a fallback, counted by reason.
    func readSource(minimum: WALPosition?, context: APIRequestContext) async -> ReadSource {
        guard let replica = database.replica else { return .primary }
        guard replica.circuit.allows() else {
            metrics.replicaFallback(.circuitOpen)
            return .primary
        }
        guard let minimum else { return .replica }
        do {
            if try await replica.waitForReplay(to: minimum, logger: context.logger) { return .replica }
            metrics.replicaFallback(.lag)
            context.logger.debug(
                "replica behind min_lsn; reading on the primary", metadata: ["zg.min_lsn": "\(minimum)"])
            return .primary
        } catch {
            replicaFailed(error, context: context)
            return .primary
        }
    }

    /// Runs `body` in a transaction scoped to `tenant` on `source`, and returns which server
    /// answered: when the replica fails for a reason of its own (unreachable, a recovery
    /// conflict), the same work runs again on the primary, so a replica going away is never a
    /// 5xx. Errors that the primary would raise as well (a refusal, bad input) are thrown as
    /// they are.
    func withReadTenant<Result: Sendable>(
        _ tenant: String, on source: ReadSource, context: APIRequestContext,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> (Result, ReadSource) {
        if source == .replica, let replica = database.replica {
            do {
                let requestID = TraceIdentity.databaseLabel(requestID: context.requestID)
                let logger = context.logger
                let result = try await metrics.usingDatabase {
                    try await replica.withConnection { connection in
                        try await connection.withTenant(tenant, requestID: requestID, logger: logger, body)
                    }
                }
                replica.circuit.succeeded()
                metrics.replicaUp(true)
                metrics.read(from: .replica)
                return (result, .replica)
            } catch  where !Task.isCancelled && Self.replicaFailure(error) != nil {
                replicaFailed(error, context: context)
            }
        }
        let result = try await withTenant(tenant, context: context, body)
        metrics.read(from: .primary)
        return (result, .primary)
    }

    /// Why `error` is a failure of the replica itself rather than of the request — no connection,
    /// a broken one, a server shutting down or refusing connections (`unreachable`), a query
    /// cancelled by recovery (`conflict`) — or nil.
    static func replicaFailure(_ error: any Error) -> ReplicaFallback? {
        if error is ReplicaUnreachable { return .unreachable }
        guard error is PSQLError || error is DatabaseError else { return nil }
        switch DatabaseError(error).kind {
        case .unavailable: return .unreachable
        case .conflict: return .conflict
        default: return nil
        }
    }

    /// Counts a replica failure; one that is not a recovery conflict opens the circuit.
    private func replicaFailed(_ error: any Error, context: APIRequestContext) {
        guard let replica = database.replica else { return }
        let reason = Self.replicaFailure(error) ?? .unreachable
        metrics.replicaFallback(reason)
        guard reason == .unreachable else { return }
        metrics.replicaUp(false)
        let backoff = replica.circuit.failed()
        context.logger.warning(
            "read replica unavailable; reading on the primary",
            metadata: ["zg.error": "\(DatabaseError(error))", "zg.retry_in": "\(backoff)"])
    }
}
