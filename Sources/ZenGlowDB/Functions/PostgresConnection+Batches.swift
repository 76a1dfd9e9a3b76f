import Logging
import PostgresNIO

extension PostgresConnection {
    /// `zenglow_api.get_batch`: the manifest of the tenant's batch `tag` as JSON; nil when none.
    public func batchManifest(tag: String, logger: Logger) async throws -> String? {
        let json = try await jsonText("select zenglow_api.get_batch(\(tag))::text", logger: logger)
        return json == "null" ? nil : json
    }

    /// `zenglow_api.prepare_staging()`: an empty staging table for this transaction's COPY.
    public func prepareStaging(logger: Logger) async throws {
        try await execute("select zenglow_api.prepare_staging()", logger: logger)
    }

    /// `zenglow_api.ingest_staged_batch`: loads the staged rows as batch `tag` of the transaction's
    /// tenant, with its manifest, statistics and NOTIFY. Returns the manifest.
    public func ingestStagedBatch(
        tag: String, source: String, contentHash: String, rejected: Int64, rejectionDetail: String?,
        embedded: Int64 = 0, logger: Logger
    ) async throws -> StagedBatchManifest {
        let rows = try await query(
            """
            select m ->> 'batch_id', m ->> 'state', m ->> 'accepted', m ->> 'rejected', m ->> 'resubmitted',
                   coalesce(m ->> 'replaced_chunks', '0'), coalesce(m ->> 'embedded', '0')
            from zenglow_api.ingest_staged_batch(
                \(tag), \(source), \(contentHash), \(rejected), \(rejectionDetail), \(embedded)) m
            """, logger: logger)
        for try await (id, state, accepted, rejected, resubmitted, replaced, embedded) in rows.decode(
            (String, String, String, String, String, String, String).self)
        {
            return StagedBatchManifest(
                batchID: Int64(id) ?? 0, state: state, accepted: Int64(accepted) ?? 0,
                rejected: Int64(rejected) ?? 0, resubmitted: resubmitted == "true",
                replacedChunks: Int64(replaced) ?? 0, embedded: Int64(embedded) ?? 0)
        }
        throw DatabaseError(.server, "zenglow_api.ingest_staged_batch returned no manifest for batch \(tag)")
    }
}

/// The manifest `zenglow_api.ingest_staged_batch` answers with.
public struct StagedBatchManifest: Sendable, Equatable {
    public let batchID: Int64
    public let state: String
    public let accepted: Int64
    public let rejected: Int64
    /// The same content was loaded before under this tag: nothing changed.
    public let resubmitted: Bool
    public let replacedChunks: Int64
    /// Chunks the loader embedded itself (of this submission, or of the earlier one it repeats).
    public let embedded: Int64
}
