import Logging
import PostgresNIO

/// How far a server is in the write-ahead log, as a read replica reports it.
public struct ReplayStatus: Sendable, Equatable {
    /// True on a standby (in recovery), false on a primary.
    public let inRecovery: Bool
    /// What the server has replayed (a standby) or written (a primary); nil when unknown.
    public let position: WALPosition?
    /// Seconds since the last transaction the standby replayed was committed on the primary;
    /// nil on a primary or before the first replayed transaction. It grows while the primary is
    /// idle too, so it is an upper bound of the lag, not the lag.
    public let secondsSinceLastReplay: Double?
}

extension PostgresConnection {
    /// `pg_current_wal_insert_lsn()` on the primary. Read after a commit, it is at or past the
    /// end of that commit's record: a replica that has replayed this far sees the commit.
    public func walInsertPosition(logger: Logger) async throws -> WALPosition {
        let text = try await jsonText("select pg_current_wal_insert_lsn()::text", logger: logger)
        guard let text, let position = WALPosition(text) else {
            throw DatabaseError(.server, "pg_current_wal_insert_lsn() answered no WAL position")
        }
        return position
    }

    /// Whether this server is a standby and how far it has replayed (a primary: how far it has
    /// written), in one round trip.
    public func replayStatus(logger: Logger) async throws -> ReplayStatus {
        let rows = try await query(
            """
            select pg_is_in_recovery(),
                   (case when pg_is_in_recovery() then pg_last_wal_replay_lsn() else pg_current_wal_lsn() end)::text,
                   extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp())::float8
            """, logger: logger)
        for try await (inRecovery, position, seconds) in rows.decode((Bool, String?, Double?).self) {
            return ReplayStatus(
                inRecovery: inRecovery, position: position.flatMap { WALPosition($0) }, secondsSinceLastReplay: seconds)
        }
        throw DatabaseError(.server, "the replay status query returned no row")
    }
}
