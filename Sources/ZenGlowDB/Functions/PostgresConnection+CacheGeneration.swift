import Logging
import PostgresNIO

extension PostgresConnection {
    /// `zenglow_api.cache_generation()`: the transaction tenant's ``CacheGeneration``, in one round
    /// trip. Call it inside `withTenant`. It refuses as `rag_query` does before reading data (ZG001
    /// no tenant, ZG006 no active model), so a cache hit never answers what `rag_query` would refuse.
    public func cacheGeneration(logger: Logger) async throws -> CacheGeneration {
        let rows = try await query(
            """
            select installation, weights_version, ltr_version, model, corpus_epoch, stamp, settings_version
            from zenglow_api.cache_generation()
            """, logger: logger)
        for try await (installation, weightsVersion, ltrVersion, model, corpusEpoch, stamp, settingsVersion)
            in rows.decode((String, Int64, Int64?, String?, Int64, String, Int64?).self)
        {
            return CacheGeneration(
                installation: installation, weightsVersion: weightsVersion, ltrVersion: ltrVersion, model: model,
                corpusEpoch: corpusEpoch, stamp: stamp, settingsVersion: settingsVersion)
        }
        throw DatabaseError(.server, "zenglow_api.cache_generation returned no row")
    }
}
