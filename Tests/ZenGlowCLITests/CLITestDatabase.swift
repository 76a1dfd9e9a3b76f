import Logging
import PostgresNIO
import ZenGlowTestSupport

/// A migrated throwaway database and the environment that points `zenglow` at it.
struct CLITestDatabase {
    static let logger = Logger(label: "test.cli")
    let database: TestDatabase

    static func make() async throws -> CLITestDatabase {
        CLITestDatabase(database: try await TestServers.shared.makeSchemaDatabase())
    }

    var environment: [String: String] { ["DATABASE_URL": database.url] }

    /// `zenglow <arguments>` against this database.
    func run(_ arguments: String...) async throws -> ZenGlowExecutable.Outcome {
        try await ZenGlowExecutable.run(arguments, environment: environment)
    }

    /// The first column of the first row of `sql`, as text.
    func value(_ sql: String) async throws -> String? {
        try await database.withConnection { connection in
            for try await text in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
                .decode(String?.self)
            {
                return text
            }
            return nil
        }
    }
}
