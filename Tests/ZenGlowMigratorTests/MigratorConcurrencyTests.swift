import Foundation
import PostgresNIO
import Synchronization
import Testing
import ZenGlowMigrator
import ZenGlowTestSupport

#if canImport(Glibc)
    import Glibc
#endif

@Suite("migrate: locking, concurrency and crashes")
struct MigratorConcurrencyTests {
    @Test("five migrators started at once on an empty database: each file applied exactly once")
    func fiveAtOnce() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...10)
        try project.write(
            "sql/zenglow/functions/f.sql", "create or replace function f() returns int language sql as $$ select 1 $$;")
        let runs = try await withThrowingTaskGroup(of: MigrationRun.self) { group in
            for _ in 0..<5 { group.addTask { try await project.migrator().up() } }
            return try await group.reduce(into: [MigrationRun]()) { $0.append($1) }
        }
        #expect(runs.map(\.applied.count).sorted() == [0, 0, 0, 0, 11])
        #expect(try await project.appliedVersions() == Array(1...10))
        #expect(try await project.values("select count(*)::text from zenglow_migrations.history") == ["11"])
    }

    @Test("a migrator waiting for the lock does not hold up another's CREATE INDEX CONCURRENTLY")
    func waitingDoesNotBlockConcurrentIndex() async throws {
        let project = try await MigrationProject.make()
        try project.write(
            "migrations/0001_create_big.sql",
            "create table big (id int, v int);\ninsert into big select g, g % 97 from generate_series(1, 1500000) g;\n"
        )
        try project.write(
            "migrations/0002_index_big.sql",
            "-- zenglow:no-transaction\ncreate index concurrently big_v on big (v);\ncreate index concurrently big_id on big (id);\n"
        )
        let first = Task { try await project.migrator().up() }
        // 1.5 million rows first: on a machine busy with the rest of the suite that alone can take a minute.
        // The build is seen in its progress view (not by its query text), in this test's database only.
        let indexing = try await eventually(within: .seconds(240)) {
            try await project.values(
                """
                select count(*)::text from pg_stat_progress_create_index p join pg_database d on d.oid = p.datid
                where p.command = 'CREATE INDEX CONCURRENTLY' and d.datname = current_database()
                """
            ) != ["0"]
        }
        #expect(indexing)
        // The waiter polls outside any transaction, so the index build never waits for its snapshot.
        let second = try await project.migrator().up()
        let firstRun = try await first.value
        #expect(firstRun.applied.count == 2)
        #expect(second.applied.isEmpty)
        #expect(
            try await project.values("select indisvalid::text from pg_index where indexrelid = 'big_id'::regclass") == [
                "true"
            ])
    }

    @Test("a migrator killed with SIGKILL in the middle of file 5 leaves no trace of it; a re-run completes")
    func killedMidFile() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...4)
        try project.write("migrations/0005_create_t5.sql", "create table t5 (id int);\nselect pg_sleep(60);\n")
        try project.writeTables(6...6)
        let pid = try project.startCLI(["migrate", "up"])
        let sleeping = try await eventually(within: .seconds(30)) {
            try await project.values(
                "select count(*)::text from pg_stat_activity where query like 'select pg_sleep(60)%'") != ["0"]
        }
        #expect(sleeping)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        // The server notices the dead client within client_connection_check_interval and rolls back.
        // Only this database's backends: tests running beside this one migrate their own.
        let gone = try await eventually(within: .seconds(15)) {
            try await project.values(
                """
                select count(*)::text from pg_stat_activity
                where application_name = 'zenglow migrate' and datname = current_database()
                """) == ["0"]
        }
        #expect(gone)
        #expect(!(try await project.exists("t5")))
        #expect(try await project.appliedVersions() == [1, 2, 3, 4])

        try project.write("migrations/0005_create_t5.sql", "create table t5 (id int);\n")
        // Editing an unapplied file is not drift: only applied files are pinned.
        let rerun = try await project.migrator().up()
        #expect(rerun.applied.map(\.file.version) == [5, 6])
        #expect(try await project.appliedVersions() == [1, 2, 3, 4, 5, 6])
    }

    @Test("a lock held by another session ends in the 'lock not obtained' exit code after --lock-wait")
    func lockNotObtained() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...1)
        try await project.database.withConnection { connection in
            try await connection.query(
                "select pg_advisory_lock(\(Int64(0x5a47_4d49_4752_4154)))", logger: MigrationProject.logger)
            let started = ContinuousClock.now
            let (status, output) = try project.runCLI(["migrate", "up", "--lock-wait", "0.5"])
            #expect(status == 3)
            #expect(output.contains("lock"))
            #expect(ContinuousClock.now - started >= .milliseconds(500))
            let (jsonStatus, jsonOutput) = try project.runCLI(["migrate", "up", "--json", "--lock-wait", "0.2"])
            #expect(jsonStatus == 3)
            #expect(jsonOutput.contains("\"outcome\" : \"lock_not_obtained\""))
        }
        #expect(try await project.appliedVersions() == [])
    }

    @Test("exit codes through the CLI: 0 applied, 2 refused, 4 drift found, 1 failed")
    func exitCodes() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...1)
        #expect(try project.runCLI(["migrate", "up"]).status == 0)
        #expect(try project.runCLI(["migrate", "verify"]).status == 0)
        try project.write("migrations/0001_create_t1.sql", "create table t1 (id bigint);")
        #expect(try project.runCLI(["migrate", "verify"]).status == 4)
        #expect(try project.runCLI(["migrate", "up"]).status == 2)
        try project.write("migrations/0002_broken.sql", "select * from nowhere;")
        let failed = try project.runCLI(["migrate", "up", "--allow-drift"])
        #expect(failed.status == 1)
        #expect(failed.output.contains("migrations/0002_broken.sql:1:15"))
    }

    @Test("a role membership another database's migration grants at the same moment: the file is retried and applied")
    func sharedCatalogRace() async throws {
        let project = try await MigrationProject.make()
        let other = try await TestServers.shared.makeDatabase()
        // Roles are cluster-wide: names of this test's own, dropped at the end.
        let role = "race_role_\(project.database.name)"
        let member = "race_member_\(project.database.name)"
        for name in [role, member] { _ = try await project.values("create role \(name)") }
        try project.write(
            "migrations/0001_grant.sql",
            """
            do $membership$ begin
                if not pg_has_role('\(member)', '\(role)', 'member') then grant \(role) to \(member); end if;
            end $membership$;
            """
        )
        let events = EventLog()
        let run = try await other.withConnection { connection in
            // The other database's migration has granted it but not yet committed.
            try await connection.execute(PostgresQuery(unsafeSQL: "begin"), logger: MigrationProject.logger)
            try await connection.execute(
                PostgresQuery(unsafeSQL: "grant \(role) to \(member)"), logger: MigrationProject.logger)
            let migrating = Task { try await project.migrator().up(progress: events.append) }
            let blocked = try await eventually(within: .seconds(60)) {
                try await project.values(
                    """
                    select count(*)::text from pg_stat_activity
                    where datname = current_database() and wait_event_type = 'Lock' and query like 'do $membership$%'
                    """
                ) != ["0"]
            }
            #expect(blocked)
            try await connection.execute(PostgresQuery(unsafeSQL: "commit"), logger: MigrationProject.logger)
            return await migrating.result
        }
        let applied = try run.get().applied.map(\.file.path)
        #expect(applied == ["migrations/0001_grant.sql"])
        #expect(events.retries == [.sharedCatalogRace])
        #expect(try await project.appliedVersions() == [1])
        for name in [member, role] { _ = try await project.values("drop role \(name)") }
    }
}

/// The migrator's progress events of one run, gathered from its callbacks.
private final class EventLog: Sendable {
    private let events = Mutex<[MigrationEvent]>([])

    func append(_ event: MigrationEvent) { events.withLock { $0.append(event) } }

    var retries: [MigrationRetryReason] {
        events.withLock { $0.compactMap { if case .retrying(_, _, _, let reason) = $0 { reason } else { nil } } }
    }
}
