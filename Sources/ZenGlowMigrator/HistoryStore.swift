import Foundation
import Logging
import PostgresNIO
import ZenGlowDB

/// Reads and writes `zenglow_migrations.history` and the migrator's advisory lock.
struct HistoryStore {
    let connection: PostgresConnection
    let logger: Logger

    /// One key for every ZenGlow migrator on a database: the first eight bytes of SHA-256("zenglow_migrations").
    static let lockKey: Int64 = 0x5a47_4d49_4752_4154

    /// Makes the server check the client while a statement runs: when a migrator is killed mid-file,
    /// its backend notices within a second, rolls back and frees the lock, instead of finishing a
    /// long statement for nobody (PostgreSQL 14 and later; older servers keep their default).
    func watchClient() async throws {
        try await run(
            """
            select set_config('client_connection_check_interval', '1000', false)
            where current_setting('server_version_num')::int >= 140000
            """
        )
    }

    /// Creates the history table; called only while holding the lock, so concurrent installs cannot race.
    func install() async throws {
        try await run("create schema if not exists zenglow_migrations")
        try await run(
            """
            create table if not exists zenglow_migrations.history (
                id bigint generated always as identity primary key,
                kind text not null check (kind in ('versioned', 'repeatable')),
                version integer check ((kind = 'versioned') = (version is not null)),
                path text not null,
                checksum text not null,
                transactional boolean not null,
                status text not null check (status in ('applied', 'baseline', 'failed')),
                statements_applied integer not null default 0,
                applied_prefix_checksum text,
                applied_at timestamptz not null default clock_timestamp(),
                applied_by text not null default current_user,
                duration_ms integer not null default 0,
                error text
            )
            """
        )
        // A second guard beside the lock: a version can be recorded as applied only once.
        try await run(
            """
            create unique index if not exists history_version_once on zenglow_migrations.history (version)
            where kind = 'versioned' and status in ('applied', 'baseline')
            """
        )
    }

    /// The history, empty when the table does not exist yet (reading never creates it).
    func read() async throws -> History {
        let exists = try await connection.query(
            "select to_regclass('zenglow_migrations.history') is not null",
            logger: logger
        ).decode(Bool.self).reduce(false) { $0 || $1 }
        guard exists else { return History(entries: []) }
        var entries: [HistoryEntry] = []
        let rows = try await connection.query(
            """
            select id, kind, version, path, checksum, status, applied_at, applied_by, duration_ms,
                   statements_applied, applied_prefix_checksum
            from zenglow_migrations.history order by id
            """,
            logger: logger
        )
        for try await (id, kind, version, path, checksum, status, appliedAt, appliedBy, duration, done, prefix)
            in rows.decode((Int, String, Int?, String, String, String, Date, String, Int, Int, String?).self)
        {
            entries.append(
                HistoryEntry(
                    id: id,
                    kind: MigrationFile.Kind(rawValue: kind) ?? .versioned,
                    version: version,
                    path: path,
                    checksum: checksum,
                    status: HistoryEntry.Status(rawValue: status) ?? .failed,
                    appliedAt: appliedAt,
                    appliedBy: appliedBy,
                    durationMilliseconds: duration,
                    statementsApplied: done,
                    appliedPrefixChecksum: prefix
                )
            )
        }
        return History(entries: entries)
    }

    func record(
        _ file: MigrationFile,
        status: HistoryEntry.Status,
        statementsApplied: Int,
        durationMilliseconds: Int,
        error: String? = nil
    ) async throws {
        try await connection.execute(
            """
            insert into zenglow_migrations.history
                (kind, version, path, checksum, transactional, status, statements_applied,
                 applied_prefix_checksum, duration_ms, error)
            values (\(file.kind.rawValue), \(file.version), \(file.path), \(file.checksum), \(file.transactional),
                    \(status.rawValue), \(statementsApplied), \(file.prefixChecksum(statementsApplied)),
                    \(durationMilliseconds), \(error))
            """,
            logger: logger
        )
    }

    /// Polls `pg_try_advisory_lock` outside any transaction, so a waiting migrator never holds a
    /// snapshot that a `CREATE INDEX CONCURRENTLY` elsewhere would have to wait for.
    func lock(waitingAtMost wait: Duration) async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + wait
        while true {
            let taken = try await connection.query(
                "select pg_try_advisory_lock(\(Self.lockKey))",
                logger: logger
            ).decode(Bool.self).reduce(false) { $0 || $1 }
            if taken { return true }
            if clock.now >= deadline { return false }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    func unlock() async throws {
        try await connection.execute("select pg_advisory_unlock(\(Self.lockKey))", logger: logger)
    }

    func capabilities() async throws -> ServerCapabilities {
        let rows = try await connection.query(
            """
            with preload as (
                -- shared_preload_libraries is readable only with pg_read_all_settings; pg_settings
                -- hides it from other logins (an owner that is not a superuser) instead of failing.
                select (select setting from pg_settings where name = 'shared_preload_libraries') as libraries
            )
            select
                coalesce((select extversion from pg_extension where extname = 'vector'),
                         (select default_version from pg_available_extensions where name = 'vector')),
                -- Unreadable: TimescaleDB's loader, once preloaded, registers settings anyone can see.
                case when coalesce(libraries ~ '\\mtimescaledb\\M',
                                   exists (select 1 from pg_settings where name like 'timescaledb.%')) then
                    coalesce((select extversion from pg_extension where extname = 'timescaledb'),
                             (select default_version from pg_available_extensions where name = 'timescaledb'))
                end,
                current_setting('timescaledb.license', true),
                -- Unreadable: pg_cron shows nothing to such a login, unless its extension is here.
                coalesce(libraries ~ '\\mpg_cron\\M', exists (select 1 from pg_extension where extname = 'pg_cron'))
                    and exists (select 1 from pg_available_extensions where name = 'pg_cron'),
                current_setting('server_version')
            from preload
            """,
            logger: logger
        )
        var capabilities = ServerCapabilities()
        for try await (vector, timescale, license, cron, version) in rows.decode(
            (String?, String?, String?, Bool, String).self
        ) {
            capabilities = ServerCapabilities(
                pgvector: vector,
                timescaledb: timescale,
                timescaledbLicense: timescale == nil ? nil : (license ?? "apache"),
                pgCron: cron,
                serverVersion: version
            )
        }
        // Once ZenGlow's schema is installed, it reports the storage it chose. What the server
        // offers (above) still decides which `requires` files run, so an extension installed
        // later is picked up.
        let schemaInstalled = try await connection.query(
            "select to_regprocedure('zenglow.capabilities()') is not null",
            logger: logger
        ).decode(Bool.self).reduce(false) { $0 || $1 }
        guard schemaInstalled else { return capabilities }
        let installed = try await connection.query(
            "select embedding_storage, query_performance_storage from zenglow.capabilities()",
            logger: logger
        )
        for try await (embeddings, queryPerformance) in installed.decode((String?, String?).self) {
            capabilities.embeddingStorage = embeddings
            capabilities.queryPerformanceStorage = queryPerformance
        }
        return capabilities
    }

    private func run(_ sql: String) async throws {
        try await connection.execute(PostgresQuery(unsafeSQL: sql), logger: logger)
    }
}
