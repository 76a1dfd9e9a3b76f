import Foundation
import Logging
import PostgresNIO
import ZenGlowDB
import ZenGlowEmbedded
import ZenGlowMigrator
import ZenGlowTestSupport

/// A throwaway project folder with SQL files, and a database to migrate.
struct MigrationProject {
    let root: String
    let database: TestDatabase

    static func make() async throws -> MigrationProject {
        let root = try TemporaryDirectory.make(prefix: "zenglow-migrations")
        return MigrationProject(root: root, database: try await TestServers.shared.makeDatabase())
    }

    /// Writes `text` to `path` under the project root, creating folders.
    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(atPath: root + "/" + path)
    }

    /// Files 1…count, each creating table `t<n>` and inserting one row.
    func writeTables(_ numbers: ClosedRange<Int>) throws {
        for n in numbers {
            try write(
                "migrations/\(String(format: "%04d", n))_create_t\(n).sql",
                "create table t\(n) (id int primary key);\ninsert into t\(n) values (\(n));\n"
            )
        }
    }

    var url: DatabaseURL {
        DatabaseURL(
            user: PostgresCluster.superuser,
            port: database.cluster.settings.port,
            database: database.name,
            socketDirectory: database.cluster.socketDirectory
        )
    }

    func migrator(_ options: MigratorOptions = .init(lockWait: .seconds(60))) throws -> Migrator {
        var logger = Logger(label: "test.migrator")
        logger.logLevel = .warning
        return Migrator(source: try MigrationSource(root: root), database: url, options: options, logger: logger)
    }

    /// Runs one query and returns the first column of every row as text.
    func values(_ sql: String) async throws -> [String?] {
        try await database.withConnection { connection in
            var result: [String?] = []
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
                .decode(String?.self)
            {
                result.append(value)
            }
            return result
        }
    }

    func exists(_ relation: String) async throws -> Bool {
        try await values("select (to_regclass('\(relation)') is not null)::text") == ["true"]
    }

    /// Versions recorded as applied, in order.
    func appliedVersions() async throws -> [Int] {
        guard try await exists("zenglow_migrations.history") else { return [] }
        return try await values(
            "select version::text from zenglow_migrations.history where kind = 'versioned' and status = 'applied' order by history.version"
        ).compactMap { $0.flatMap(Int.init) }
    }

    /// Runs the `zenglow` executable built beside the test bundle against this database.
    func runCLI(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let outcome = try ShellCommand(Self.zenglowExecutable, withRoot(arguments), environment: environment).run()
        return (outcome.status, outcome.output)
    }

    /// Starts the `zenglow` executable and returns its pid without waiting.
    func startCLI(_ arguments: [String]) throws -> pid_t {
        try ShellCommand(Self.zenglowExecutable, withRoot(arguments), environment: environment).start()
    }

    /// `migrate up …` becomes `migrate up --root <root> …`: the option belongs to the subcommand.
    private func withRoot(_ arguments: [String]) -> [String] {
        Array(arguments.prefix(2)) + ["--root", root] + arguments.dropFirst(2)
    }

    private var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] =
            "postgresql://postgres@/\(database.name)?host=\(database.cluster.socketDirectory)&port=\(database.cluster.settings.port)"
        return environment
    }

    static let logger = Logger(label: "test.sql")

    static var zenglowExecutable: String { ZenGlowExecutable.path }
}
