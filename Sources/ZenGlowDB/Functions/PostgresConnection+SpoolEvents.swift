import Logging
import PostgresNIO

extension PostgresConnection {
    /// `zenglow_api.annotate_batch`: records the spool worker's findings on the transaction
    /// tenant's batch `tag` and returns its manifest as JSON. A nil argument keeps the column as
    /// it is; a new `alertReason` (`failed`, `healed_partition`, `partition_missing`,
    /// `other_error`) is announced on `zenglow_manifest` with `"reason"` at commit. ZG007 when the
    /// tenant has no such batch, ZG009 for another reason or a value that is not a JSON object.
    public func annotateBatch(
        tag: String, alertReason: String?, driftJSON: String?, piiJSON: String?, summaryJSON: String? = nil,
        logger: Logger
    ) async throws -> String {
        let manifest = try await jsonText(
            """
            select zenglow_api.annotate_batch(\(tag), \(alertReason), \(driftJSON)::jsonb, \(piiJSON)::jsonb,
                \(summaryJSON)::jsonb)::text
            """, logger: logger)
        guard let manifest else {
            throw DatabaseError(.server, "zenglow_api.annotate_batch returned no manifest for batch \(tag)")
        }
        return manifest
    }

    /// `zenglow_api.announce_ingest_problem`: announces, at commit, that the transaction tenant's
    /// batch `tag` failed before it had a manifest row (its load was refused and rolled back):
    /// `{tenant_id, batch_id: null, batch_tag, state: "failed", reason}` on `zenglow_manifest`.
    /// `reason` is `failed`, `partition_missing` or `other_error`; `message` reaches the server
    /// log only, never the channel.
    public func announceIngestProblem(tag: String, reason: String, message: String, logger: Logger) async throws {
        try await execute(
            "select zenglow_api.announce_ingest_problem(\(tag), \(reason), \(message))", logger: logger)
    }

    /// `zenglow_api.record_ingest_event`: appends an `ingest.failed` or `ingest.healed` record to
    /// `tenant`'s audit chain, or to `_global` (with `details.claimed_tenant`) when no such tenant
    /// exists or `tenant` is nil. Needs no tenant set on the transaction. ZG009 for another action,
    /// details that are not a JSON object, or more than 16 kB of them.
    @discardableResult
    public func recordIngestEvent(
        tenant: String?, action: String, subject: String, detailsJSON: String, logger: Logger
    ) async throws -> IngestAuditRecord {
        let rows = try await query(
            """
            select r ->> 'tenant_id', (r ->> 'seq')::bigint
            from zenglow_api.record_ingest_event(\(tenant), \(action), \(subject), \(detailsJSON)::jsonb) r
            """, logger: logger)
        for try await (chain, seq) in rows.decode((String, Int64).self) {
            return IngestAuditRecord(tenant: chain, seq: seq)
        }
        throw DatabaseError(.server, "zenglow_api.record_ingest_event returned no record for \(action)")
    }
}

/// Where `zenglow_api.record_ingest_event` wrote its audit record.
public struct IngestAuditRecord: Sendable, Equatable {
    /// The chain that holds it: the event's tenant, or `_global`.
    public let tenant: String
    /// Its position in that chain.
    public let seq: Int64
}
