import Foundation
import Logging
import Testing
import ZenGlowMigrator
import ZenGlowTestSupport

/// ZenGlow's own `migrations/`, `sql/` and `timescale/`, applied by the migrator as operators do.
@Suite("the project's own schema")
struct ProjectSchemaTests {
    /// The repository root: three folders above this file.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func project() async throws -> MigrationProject {
        MigrationProject(root: repositoryRoot, database: try await TestServers.shared.makeDatabase())
    }

    @Test("applies to a fresh database, a second run has nothing to do, and verify finds no drift")
    func appliesCleanly() async throws {
        let project = try await Self.project()
        let first = try await project.migrator().up()
        let files = try MigrationSource(root: Self.repositoryRoot).files
        #expect(first.applied.count == files.count)
        #expect(first.skipped.isEmpty)
        let second = try await project.migrator().up()
        #expect(second.applied.isEmpty)
        #expect(try await project.migrator().verify().isEmpty)
        let status = try await project.migrator().status()
        #expect(status.pending == 0)
        #expect(status.capabilities.embeddingStorage == "vector")
        #expect(status.capabilities.queryPerformanceStorage == "hypertable")
    }

    @Test("an owner login that is not a superuser reads the status, and sees TimescaleDB as the superuser does")
    func statusAsOwnerLogin() async throws {
        let project = try await Self.project()
        _ = try await project.migrator().up()
        let superuser = try await project.migrator().status().capabilities
        // Roles are cluster-wide: a login of this test's own.
        let login = "owner_login_\(project.database.name)"
        _ = try await project.values("create role \(login) login in role zenglow_owner")
        var url = project.url
        url.user = login
        var logger = Logger(label: "test.migrator")
        logger.logLevel = .warning
        let owner = Migrator(source: try MigrationSource(root: Self.repositoryRoot), database: url, logger: logger)
        let status = try await owner.status()
        #expect(status.pending == 0)
        #expect(status.capabilities.timescaledb == superuser.timescaledb)
        #expect(status.capabilities.timescaledb != nil)
        // pg_cron shows such a login nothing (its settings and launcher are hidden): not claimed.
        #expect(!status.capabilities.pgCron)
        _ = try await project.values("drop role \(login)")
    }

    @Test("five migrators installing it at once all succeed, and it is installed once")
    func concurrentInstalls() async throws {
        let project = try await Self.project()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<5 {
                // The first install holds the lock for the whole schema; on a loaded two-core
                // machine that has taken over a minute, so the others may wait three.
                group.addTask { _ = try await project.migrator(.init(lockWait: .seconds(180))).up() }
            }
            try await group.waitForAll()
        }
        let files = try MigrationSource(root: Self.repositoryRoot).files
        #expect(
            try await project.values("select count(*)::text from zenglow_migrations.history where status = 'applied'")
                == ["\(files.count)"])
    }

    @Test("a database without pgvector and TimescaleDB gets the fallbacks, with the same columns")
    func fallbacks() async throws {
        let project = try await Self.project()
        _ = try await project.values(
            "alter database \(project.database.name) set zenglow.disable_capabilities = 'vector,timescaledb'")
        _ = try await project.migrator().up()
        let status = try await project.migrator().status()
        #expect(status.pending == 0)
        #expect(status.capabilities.embeddingStorage == "real[]")
        #expect(status.capabilities.queryPerformanceStorage == "partitioned")
    }
}
