import Logging
import ZenGlowDB

/// The active fusion weights per tenant as this instance last read them. The LISTEN service
/// refreshes an entry when a change is announced, all entries after every (re)connect, and all
/// entries on its polling backstop, so every instance converges even if a notification is lost.
public actor FusionWeightsCache {
    /// `zenglow_api.current_fusion_weights()` as JSON text.
    private var entries: [String: String] = [:]
    private let database: APIDatabase

    public init(database: APIDatabase) {
        self.database = database
    }

    /// The tenant's weights, read from the database on first use.
    public func weights(tenant: String, requestID: String, logger: Logger) async throws -> String {
        if let cached = entries[tenant] { return cached }
        return try await read(tenant: tenant, requestID: requestID, logger: logger)
    }

    /// Re-reads one tenant's weights (a change of `_global` re-reads all of them).
    public func reload(tenant: String, requestID: String = "weights-notify", logger: Logger) async throws {
        if tenant == "_global" {
            try await reloadAll(logger: logger)
        } else {
            _ = try await read(tenant: tenant, requestID: requestID, logger: logger)
        }
    }

    /// Re-reads every tenant this instance has served.
    public func reloadAll(logger: Logger) async throws {
        for tenant in entries.keys {
            _ = try await read(tenant: tenant, requestID: "weights-refresh", logger: logger)
        }
    }

    private func read(tenant: String, requestID: String, logger: Logger) async throws -> String {
        let json = try await database.client.withTenant(tenant, requestID: requestID, logger: logger) {
            try await $0.currentFusionWeights(logger: logger)
        }
        entries[tenant] = json
        return json
    }
}
