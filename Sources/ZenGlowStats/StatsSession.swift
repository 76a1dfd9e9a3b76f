import Foundation
import Logging
import PostgresNIO
import ZenGlowDB

/// A connection reading as `zenglow_analyst`: every screen's query runs with the analyst's
/// rights only, in UTC.
public struct StatsSession: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// Connects to `database`, becomes `zenglow_analyst`, and returns `request`'s report as its
    /// format prints it.
    public static func report(_ request: StatsRequest, database: DatabaseURL, logger: Logger) async throws -> String {
        try await database.withConnection(applicationName: "zenglow-stats", logger: logger) { connection in
            let session = try await StatsSession(analystOn: connection, user: database.user, logger: logger)
            return try await session.report(request).render(request.format)
        }
    }

    /// Sets the session's role to `zenglow_analyst` (refused: one line saying what to grant).
    public init(analystOn connection: PostgresConnection, user: String, logger: Logger) async throws {
        self.connection = connection
        self.logger = logger
        do {
            try await connection.execute("set role zenglow_analyst", logger: logger)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42501" {
            throw StatsError("the login \(user) cannot read as zenglow_analyst: grant zenglow_analyst to \(user)")
        }
        try await connection.execute("set time zone 'UTC'", logger: logger)
    }

    /// `request`'s screen, read.
    public func report(_ request: StatsRequest) async throws -> StatsReport {
        switch request.screen {
        case .latency: try await latency(request)
        case .errors: try await errors(request)
        case .cache: try await cache(request)
        case .ingest: try await ingest(request)
        case .drift: try await drift(request)
        case .weights: try await weights(request)
        }
    }

    /// The buckets from `now() - since` to the database's `now()`.
    func range(_ request: StatsRequest) async throws -> StatsRange {
        let rows = try await connection.query("select now()", logger: logger)
        for try await now in rows.decode(Date.self) {
            return StatsRange(now: now, since: request.since, bucket: request.bucket ?? .day)
        }
        throw StatsError("select now() returned no row")
    }
}
