import Logging
import PostgresNIO
import ZenGlowDB

/// The API's pool of connections to the primary, each acting as the API role (no BYPASSRLS),
/// also when DATABASE_URL names a superuser as the dev stack does, so row-level security always
/// applies; and, when `DATABASE_READ_URL` is set, the pool on the read replica. Tenant work goes
/// through ``ZenGlowDB``'s `withTenant`.
public struct APIDatabase: Sendable {
    public let client: PostgresClient
    /// The streaming replica `POST /rag/query` reads on; nil when `DATABASE_READ_URL` is unset.
    public let replica: ReadReplica?

    public init(configuration: APIConfiguration, logger: Logger) {
        var pool = configuration.database.url.clientConfiguration(
            startupParameters: Self.startupParameters(configuration, url: configuration.database.url))
        pool.options.maximumConnections = configuration.poolSize
        pool.options.minimumConnections = 0
        client = PostgresClient(configuration: pool, backgroundLogger: logger)
        replica = configuration.database.readURL.map {
            ReadReplica(url: $0, configuration: configuration, logger: logger)
        }
    }

    /// What every connection of the API to `url` sends at start-up: its name (`withTenant`
    /// appends the request id while a request runs) and the API role — unless `url` logs in as
    /// that role already. PgBouncer refuses startup parameters it does not know (and could not
    /// keep one per client on shared server connections), so through it the URL must name the
    /// API role itself; a superuser URL through PgBouncer then fails to connect rather than
    /// silently bypassing row-level security.
    static func startupParameters(
        _ configuration: APIConfiguration, url: DatabaseURL, applicationName: String = "zenglow-api"
    ) -> [(String, String)] {
        url.user == configuration.databaseRole
            ? [("application_name", applicationName)]
            : [("application_name", applicationName), ("role", configuration.databaseRole)]
    }
}
