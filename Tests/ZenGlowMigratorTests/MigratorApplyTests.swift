import Foundation
import Testing
import ZenGlowMigrator
import ZenGlowTestSupport

@Suite("migrate up: applying files")
struct MigratorApplyTests {
    @Test("a fresh database gets every file once, in order; a second run has nothing to do")
    func appliesOnceInOrder() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...3)
        try project.write(
            "sql/zenglow/functions/count_t1.sql",
            "create or replace function count_t1() returns bigint language sql as $$ select count(*) from t1 $$;")
        let first = try await project.migrator().up()
        #expect(
            first.applied.map(\.file.path) == [
                "migrations/0001_create_t1.sql", "migrations/0002_create_t2.sql", "migrations/0003_create_t3.sql",
                "sql/zenglow/functions/count_t1.sql",
            ])
        #expect(try await project.values("select count_t1()::text") == ["1"])
        let second = try await project.migrator().up()
        #expect(second.applied.isEmpty)
        #expect(try await project.appliedVersions() == [1, 2, 3])
    }

    @Test("migrations/ and sql/ linked into place are read through the links")
    func symlinkedFolders() async throws {
        let project = try await MigrationProject.make()
        let elsewhere = try TemporaryDirectory.make(prefix: "zenglow-linked")
        try FileManager.default.createDirectory(atPath: elsewhere + "/migrations", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            atPath: elsewhere + "/sql/zenglow/functions", withIntermediateDirectories: true)
        try Data("create table t1 (id int);\n".utf8).write(
            to: URL(fileURLWithPath: elsewhere + "/migrations/0001_create_t1.sql"))
        try Data("create or replace function one() returns int language sql as $$ select 1 $$;\n".utf8).write(
            to: URL(fileURLWithPath: elsewhere + "/sql/zenglow/functions/one.sql"))
        for folder in ["migrations", "sql"] {
            try FileManager.default.createSymbolicLink(
                atPath: project.root + "/" + folder, withDestinationPath: elsewhere + "/" + folder)
        }
        let run = try await project.migrator().up()
        #expect(run.applied.map(\.file.path) == ["migrations/0001_create_t1.sql", "sql/zenglow/functions/one.sql"])
        #expect(try await project.exists("t1"))
    }

    @Test("an edited repeatable file is re-applied; history keeps both applications")
    func repeatableReapplied() async throws {
        let project = try await MigrationProject.make()
        try project.write(
            "sql/zenglow/functions/answer.sql",
            "create or replace function answer() returns int language sql as $$ select 41 $$;")
        _ = try await project.migrator().up()
        try project.write(
            "sql/zenglow/functions/answer.sql",
            "create or replace function answer() returns int language sql as $$ select 42 $$;")
        let run = try await project.migrator().up()
        #expect(run.applied.map(\.action) == [.reapply])
        #expect(try await project.values("select answer()::text") == ["42"])
        #expect(
            try await project.values("select count(*)::text from zenglow_migrations.history where kind = 'repeatable'")
                == ["2"])
    }

    @Test("a failing statement in file 7 of 10 leaves 1–6 applied, no trace of 7, and names file:line:column")
    func failureInSeventh() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...10)
        try project.write(
            "migrations/0007_create_t7.sql",
            "create table t7 (id int);\ninsert into t7 values (7);\nselect *\n  from missing_table;\n"
        )
        let error = await #expect(throws: MigratorError.self) { try await project.migrator().up() }
        #expect(error?.code == .failed)
        #expect(error?.code.exitCode == 1)
        #expect(error?.failure?.path == "migrations/0007_create_t7.sql")
        #expect(error?.failure?.line == 4)
        #expect(error?.failure?.column == 8)
        #expect(error?.failure?.sqlState == "42P01")
        #expect(error?.message.contains("migrations/0007_create_t7.sql:4:8") == true)
        #expect(try await project.appliedVersions() == [1, 2, 3, 4, 5, 6])
        #expect(try await project.exists("t6"))
        #expect(!(try await project.exists("t7")))
        #expect(
            try await project.values("select count(*)::text from zenglow_migrations.history where version = 7") == ["0"]
        )
    }

    @Test("an error raised while a SELECT runs (a function's RAISE) is the file's error, at its own line")
    func errorRaisedDuringASelect() async throws {
        let project = try await MigrationProject.make()
        try project.write(
            "migrations/0001_create_f.sql",
            """
            create function boom() returns int language plpgsql as $$ begin raise exception 'boom from f'; end $$;
            select boom();
            create table after_boom (id int);

            """)
        let error = await #expect(throws: MigratorError.self) { try await project.migrator().up() }
        #expect(error?.failure?.line == 2)
        #expect(error?.failure?.sqlState == "P0001")
        #expect(error?.message.contains("boom from f") == true, "\(error?.message ?? "")")
        #expect(!(try await project.exists("after_boom")))

    }

    @Test("a failure on the second of three no-transaction statements says which statements ran")
    func noTransactionPartialFailure() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...1)
        try project.write(
            "migrations/0002_index_t1.sql",
            """
            -- zenglow:no-transaction
            create index concurrently t1_a on t1 (id);
            create index concurrently t1_b on t1 (no_such_column);
            create index concurrently t1_c on t1 (id);
            """
        )
        let error = await #expect(throws: MigratorError.self) { try await project.migrator().up() }
        #expect(error?.failure?.statement == 2)
        #expect(error?.failure?.statementsApplied == 1)
        #expect(error?.failure?.line == 3)
        #expect(error?.message.contains("statement 2 of 3 failed; statement 1 ran and stays applied") == true)
        #expect(try await project.exists("t1_a"))
        #expect(!(try await project.exists("t1_c")))
        #expect(try await project.appliedVersions() == [1])
        #expect(
            try await project.values(
                "select statements_applied::text from zenglow_migrations.history where status = 'failed'")
                == ["1"]
        )

        // Fixed: the retry resumes after statement 1 instead of failing on "t1_a already exists".
        try project.write(
            "migrations/0002_index_t1.sql",
            """
            -- zenglow:no-transaction
            create index concurrently t1_a on t1 (id);
            create index concurrently t1_b on t1 (id);
            create index concurrently t1_c on t1 (id);
            """
        )
        let plan = try await project.migrator().plan()
        #expect(plan.steps.map(\.resumeAfter) == [1])
        let retry = try await project.migrator().up()
        #expect(retry.applied.map(\.file.version) == [2])
        #expect(try await project.exists("t1_b"))
        #expect(try await project.exists("t1_c"))
        #expect(try await project.appliedVersions() == [1, 2])
    }

    @Test("a failed no-transaction file whose applied statements changed is retried from the start")
    func noTransactionRetryFromStart() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...1)
        try project.write(
            "migrations/0002_index_t1.sql",
            "-- zenglow:no-transaction\ncreate index concurrently t1_a on t1 (id);\ncreate index concurrently t1_b on t1 (nope);\n"
        )
        _ = await #expect(throws: MigratorError.self) { try await project.migrator().up() }
        try project.write(
            "migrations/0002_index_t1.sql",
            "-- zenglow:no-transaction\ncreate index concurrently t1_z on t1 (id);\ncreate index concurrently t1_b on t1 (id);\n"
        )
        #expect(try await project.migrator().plan().steps.map(\.resumeAfter) == [0])
        _ = try await project.migrator().up()
        #expect(try await project.exists("t1_z"))
        #expect(try await project.exists("t1_b"))
    }

    @Test("a file needing timescaledb-tsl is skipped on the Apache build with the reason, and not recorded")
    func capabilitySkip() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...1)
        try project.write("timescale/compression.sql", "-- zenglow:requires timescaledb-tsl\nselect 1;\n")
        try project.write("timescale/hypertables.sql", "create extension if not exists timescaledb;\n")
        let run = try await project.migrator().up()
        #expect(run.skipped.map(\.file.path) == ["timescale/compression.sql"])
        #expect(run.skipped.first?.reason?.contains("Apache build") == true)
        #expect(run.applied.map(\.file.path).contains("timescale/hypertables.sql"))
        #expect(
            try await project.values(
                "select count(*)::text from zenglow_migrations.history where path = 'timescale/compression.sql'") == [
                    "0"
                ])
        let status = try await project.migrator().status()
        #expect(status.entries.first { $0.path == "timescale/compression.sql" }?.state == "skipped")
        #expect(status.capabilities.timescaledbLicense == "apache")
    }

    @Test("--target stops after that version and defers repeatable files")
    func target() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...4)
        try project.write("sql/zenglow/views/v.sql", "create or replace view v as select id from t4;")
        let run = try await project.migrator().up(PlanOptions(target: 2))
        #expect(run.applied.map(\.file.version) == [1, 2])
        #expect(run.skipped.map(\.file.path) == ["sql/zenglow/views/v.sql"])
        _ = try await project.migrator().up()
        #expect(try await project.exists("v"))
    }

    @Test("baseline adopts an existing database: later runs apply only newer files")
    func baseline() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...3)
        _ = try await project.values("create table t1 (id int primary key)")
        _ = try await project.values("create table t2 (id int primary key)")
        let recorded = try await project.migrator().baseline(2)
        #expect(recorded.map(\.version) == [1, 2])
        let run = try await project.migrator().up()
        #expect(run.applied.map(\.file.version) == [3])
        let again = await #expect(throws: MigratorError.self) { try await project.migrator().baseline(3) }
        #expect(again?.code == .refused)
    }

    @Test("migrate new creates the next number; a bad name is refused")
    func newFile() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...2)
        #expect(try NewMigration.create(named: "add_sources", root: project.root) == "migrations/0003_add_sources.sql")
        #expect(FileManager.default.fileExists(atPath: project.root + "/migrations/0003_add_sources.sql"))
        #expect(throws: MigratorError.self) { try NewMigration.create(named: "Add Sources", root: project.root) }
    }
}
