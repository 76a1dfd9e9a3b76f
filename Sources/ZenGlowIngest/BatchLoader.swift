import Logging
import NIOCore
import PostgresNIO
import ZenGlowDB

/// Loads ingest batches: validates each row, streams the good ones with COPY into the session's
/// staging table, and has `zenglow_api.ingest_staged_batch` insert them under the batch's tenant,
/// update the BM25 statistics and the manifest, and announce it — all in one transaction.
public struct BatchLoader: Sendable {
    /// Rows per COPY message; large enough to keep the socket busy, small enough to stream.
    static let copyChunkBytes = 256 * 1024

    public let logger: Logger
    /// A role the loading transaction acts as (`SET LOCAL ROLE`), e.g. `zenglow_ingest` when the
    /// API's own role loads a batch; nil keeps the connection's role.
    public let role: String?

    public init(logger: Logger, role: String? = nil) {
        self.logger = logger
        self.role = role
    }

    /// Loads `batch` on `connection` (which must not be inside a transaction). A batch whose
    /// content was loaded before changes nothing and says `resubmitted`. Throws `IngestError`
    /// for an unknown tenant or a batch tag reused for other content; the database is unchanged.
    public func load(_ batch: IngestBatch, on connection: PostgresConnection) async throws -> BatchLoadResult {
        let contentHash = batch.contentHash
        do {
            return try await connection.inTransaction(logger: logger) {
                if let role {
                    try await connection.query("select set_config('role', \(role), true)", logger: logger)
                }
                return try await loadInTransaction(batch, contentHash: contentHash, on: connection)
            }
        } catch {
            throw Self.translate(error, batch: batch)
        }
    }

    private func loadInTransaction(
        _ batch: IngestBatch,
        contentHash: String,
        on connection: PostgresConnection
    ) async throws -> BatchLoadResult {
        let context = try await connection.query(
            """
            select set_config('zenglow.tenant_id', \(batch.tenant), true),
                   zenglow.current_tenant(),
                   (select dimension from zenglow.models where active)
            """,
            logger: logger
        )
        var tenantFound = false
        var dimension = 0
        for try await (_, tenant, modelDimension) in context.decode((String, String?, Int).self) {
            tenantFound = tenant != nil
            dimension = modelDimension
        }
        guard tenantFound else {
            throw IngestError(
                .unknownTenant, "unknown or inactive tenant '\(batch.tenant)': batch \(batch.tag) not loaded")
        }
        let validation = BatchValidation(batch: batch, dimension: dimension)
        try await connection.query("select zenglow_api.prepare_staging()", logger: logger)
        try await connection.copyFrom(table: "zg_staging", columns: StagingRow.columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(Self.copyChunkBytes + 64 * 1024)
            for row in validation.rows {
                row.write(into: &buffer)
                if buffer.readableBytes >= Self.copyChunkBytes {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
        let detail =
            validation.rejections.isEmpty
            ? nil
            : validation.rejections.prefix(20).map(\.description).joined(separator: "\n")
                + (validation.rejections.count > 20 ? "\n… \(validation.rejections.count - 20) more" : "")
        let manifest = try await connection.query(
            """
            select m ->> 'batch_id', m ->> 'state', m ->> 'accepted', m ->> 'rejected', m ->> 'resubmitted',
                   coalesce(m ->> 'replaced_chunks', '0')
            from zenglow_api.ingest_staged_batch(\(batch.tag), \(batch.source), \(contentHash),
                \(Int64(validation.rejections.count)), \(detail)) m
            """,
            logger: logger
        )
        for try await (id, state, accepted, rejected, resubmitted, replaced) in manifest.decode(
            (String, String, String, String, String, String).self
        ) {
            let wasResubmitted = resubmitted == "true"
            return BatchLoadResult(
                batchID: Int64(id) ?? 0,
                state: state,
                accepted: Int64(accepted) ?? 0,
                rejected: Int64(rejected) ?? 0,
                resubmitted: wasResubmitted,
                replacedChunks: Int64(replaced) ?? 0,
                rejections: wasResubmitted ? [] : validation.rejections
            )
        }
        throw IngestError(.loadFailed, "zenglow_api.ingest_staged_batch returned no manifest for batch \(batch.tag)")
    }

    /// Maps the database's refusals to IngestError with their own message; never the SQL.
    private static func translate(_ error: any Error, batch: IngestBatch) -> any Error {
        guard let psql = error as? PSQLError, let server = psql.serverInfo else { return error }
        let message = server[.message] ?? "the database refused the batch"
        switch server[.sqlState] {
        case "ZG004": return IngestError(.batchTagReused, message)
        case "ZG001": return IngestError(.unknownTenant, "unknown or inactive tenant '\(batch.tenant)': \(message)")
        default:
            return IngestError(
                .loadFailed, "batch \(batch.tag) not loaded: \(message) (SQLSTATE \(server[.sqlState] ?? "?"))")
        }
    }
}
