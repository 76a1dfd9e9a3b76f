import Foundation
import Testing
import ZenGlowMigrator

@Suite("migrate: refusals and drift, before any SQL runs")
struct MigratorRefusalTests {
    @Test("an edited applied file is drift and refused; a CRLF/BOM-only change is not")
    func drift() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...2)
        _ = try await project.migrator().up()

        let original = "create table t2 (id int primary key);\ninsert into t2 values (2);\n"
        try project.write(
            "migrations/0002_create_t2.sql", "\u{FEFF}" + original.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(try await project.migrator().verify().isEmpty)

        try project.write("migrations/0002_create_t2.sql", original + "insert into t2 values (3);\n")
        try project.writeTables(3...3)
        let findings = try await project.migrator().verify()
        #expect(findings.map(\.kind) == ["edited"])
        #expect(findings.first?.path == "migrations/0002_create_t2.sql")

        let error = await #expect(throws: MigratorError.self) { try await project.migrator().up() }
        #expect(error?.code == .refused)
        #expect(error?.code.exitCode == 2)
        #expect(error?.refusals.map(\.code) == ["edited"], "\(String(describing: error))")
        #expect(error?.message.contains("--allow-drift") == true)
        #expect(!(try await project.exists("t3")))

        let allowed = try await project.migrator().up(PlanOptions(allowDrift: true))
        #expect(allowed.applied.map(\.file.version) == [3])
        #expect(allowed.plan.warnings.count == 1)
    }

    @Test("a new file numbered below the highest applied is refused unless --out-of-order")
    func outOfOrder() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...1)
        try project.writeTables(3...3)
        _ = try await project.migrator().up()
        try project.writeTables(2...2)
        let error = await #expect(throws: MigratorError.self) { try await project.migrator().up() }
        #expect(error?.refusals.map(\.code) == ["out_of_order"], "\(String(describing: error))")
        #expect(!(try await project.exists("t2")))
        #expect(try await project.migrator().verify().map(\.kind) == ["out_of_order"])
        let run = try await project.migrator().up(PlanOptions(outOfOrder: true))
        #expect(run.applied.map(\.file.version) == [2])
    }

    @Test("two files with one number are refused before anything runs")
    func duplicateNumber() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...2)
        try project.write("migrations/0002_create_other.sql", "create table other (id int);")
        let error = await #expect(throws: MigratorError.self) { try await project.migrator().up() }
        #expect(error?.refusals.map(\.code) == ["duplicate_version"], "\(String(describing: error))")
        #expect(!(try await project.exists("t1")))
    }

    @Test("a deleted applied file is refused as missing and reported by verify")
    func missingFile() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...2)
        _ = try await project.migrator().up()
        try project.remove("migrations/0001_create_t1.sql")
        #expect(try await project.migrator().verify().map(\.kind) == ["missing"])
        let error = await #expect(throws: MigratorError.self) { try await project.migrator().up() }
        #expect(error?.refusals.map(\.code) == ["missing_file"], "\(String(describing: error))")
    }

    @Test("CREATE INDEX CONCURRENTLY in a transactional file, and a no-transaction file mixing kinds, are refused")
    func transactionModes() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...1)
        try project.write("migrations/0002_index_t1.sql", "select 1;\n\ncreate index concurrently t1_x on t1 (id);\n")
        var error = await #expect(throws: MigratorError.self) { try await project.migrator().up() }
        #expect(error?.refusals.map(\.code) == ["no_transaction_statement"], "\(String(describing: error))")
        #expect(error?.refusals.first?.path == "migrations/0002_index_t1.sql:3")
        // The refused run gave its lock back before its error returned (once, a loaded server kept
        // it past the next run's 60 s wait).
        let advisoryLocks =
            "select count(*)::text from pg_locks where locktype = 'advisory' "
            + "and database = (select oid from pg_database where datname = current_database())"
        #expect(try await project.values(advisoryLocks) == ["0"])

        try project.write(
            "migrations/0002_index_t1.sql",
            "-- zenglow:no-transaction\ncreate index concurrently t1_x on t1 (id);\ncreate table t1b (id int);\n"
        )
        error = await #expect(throws: MigratorError.self) { try await project.migrator().up() }
        #expect(error?.refusals.map(\.code) == ["mixed_transaction_modes"], "\(String(describing: error))")
        #expect(!(try await project.exists("t1")))
    }

    @Test("an unknown directive or capability is refused with the valid spellings")
    func unknownDirective() async throws {
        let project = try await MigrationProject.make()
        try project.write("migrations/0001_create_a.sql", "-- zenglow:requires timescale\ncreate table a (id int);\n")
        let error = await #expect(throws: MigratorError.self) { try await project.migrator().up() }
        #expect(error?.refusals.map(\.code) == ["unknown_directive"], "\(String(describing: error))")
        #expect(error?.refusals.first?.fix.contains("timescaledb-tsl") == true)
    }

    @Test("plan lists exactly what up then applies, and changes neither catalog nor history")
    func planMatchesUp() async throws {
        let project = try await MigrationProject.make()
        try project.writeTables(1...3)
        try project.write(
            "migrations/0004_index_t1.sql", "-- zenglow:no-transaction\ncreate index concurrently t1_i on t1 (id);\n")
        try project.write("sql/zenglow/views/v1.sql", "create or replace view v1 as select id from t1;")
        try project.write("timescale/compression.sql", "-- zenglow:requires timescaledb-tsl\nselect 1;\n")
        let catalog =
            "select count(*)::text from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')"
        let before = try await project.values(catalog)

        let plan = try await project.migrator().plan()
        let json = try MigratorReport.planJSON(plan, database: project.url.redacted)
        #expect(try await project.values(catalog) == before)
        #expect(!(try await project.exists("zenglow_migrations.history")))

        struct PlanDocument: Decodable {
            struct Step: Decodable {
                struct File: Decodable {
                    let path: String
                    let transactional: Bool
                    let checksum: String
                }
                let action: String
                let file: File
            }
            let steps: [Step]
        }
        let document = try JSONDecoder().decode(PlanDocument.self, from: Data(json.utf8))
        let planned = document.steps.filter { $0.action != "skip" }
        #expect(document.steps.first { $0.file.path == "migrations/0004_index_t1.sql" }?.file.transactional == false)

        let run = try await project.migrator().up()
        #expect(run.applied.map(\.file.path) == planned.map(\.file.path))
        #expect(run.applied.map(\.file.checksum) == planned.map(\.file.checksum))
        #expect(run.skipped.map(\.file.path) == document.steps.filter { $0.action == "skip" }.map(\.file.path))
    }
}
