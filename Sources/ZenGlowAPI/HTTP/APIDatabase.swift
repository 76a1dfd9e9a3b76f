import Logging
import PostgresNIO
import ZenGlowDB

/// The API's pool of connections to the primary, each acting as the API role (no BYPASSRLS),
/// also when DATABASE_URL names a superuser as the dev stack does, so row-level security always
/// applies. Tenant work goes through ``ZenGlowDB``'s `withTenant`.
public struct APIDatabase: Sendable {
    public let client: PostgresClient

    public init(configuration: APIConfiguration, logger: Logger) {
        var pool = configuration.database.url.clientConfiguration(
            startupParameters: Self.startupParameters(configuration))
        pool.options.maximumConnections = configuration.poolSize
        pool.options.minimumConnections = 0
        client = PostgresClient(configuration: pool, backgroundLogger: logger)
    }

    /// What every connection of the API sends at start-up: its name (`withTenant` appends the
    /// request id while a request runs) and the API role.
    static func startupParameters(
        _ configuration: APIConfiguration, applicationName: String = "zenglow-api"
    ) -> [(String, String)] {
        [("application_name", applicationName), ("role", configuration.databaseRole)]
    }
}
