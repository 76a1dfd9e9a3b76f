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

    /// Loads `batch` on `connection` (which must not be inside a transaction), in one transaction
    /// scoped to the batch's tenant. A batch whose content was loaded before changes nothing and
    /// says `resubmitted`. Throws `IngestError` for an unknown or inactive tenant and the
    /// database's refusals as `DatabaseError` (a batch tag reused for other content: ZG004); the
    /// database is unchanged then.
    public func load(
        _ batch: IngestBatch, on connection: PostgresConnection, requestID: String? = nil
    ) async throws -> BatchLoadResult {
        let contentHash = batch.contentHash
        do {
            return try await connection.withTenant(batch.tenant, role: role, requestID: requestID, logger: logger) {
                try await loadInTransaction(batch, contentHash: contentHash, on: $0)
            }
        } catch let error as IngestError {
            throw error
        } catch {
            throw DatabaseError(error)
        }
    }

    private func loadInTransaction(
        _ batch: IngestBatch,
        contentHash: String,
        on connection: PostgresConnection
    ) async throws -> BatchLoadResult {
        let context = try await connection.query(
            "select zenglow.current_tenant(), (select dimension from zenglow.models where active)", logger: logger)
        var tenantFound = false
        var dimension = 0
        for try await (tenant, modelDimension) in context.decode((String?, Int).self) {
            tenantFound = tenant != nil
            dimension = modelDimension
        }
        guard tenantFound else {
            throw IngestError(
                .unknownTenant, "unknown or inactive tenant '\(batch.tenant)': batch \(batch.tag) not loaded")
        }
        let validation = BatchValidation(batch: batch, dimension: dimension)
        try await connection.prepareStaging(logger: logger)
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
        let manifest = try await connection.ingestStagedBatch(
            tag: batch.tag, source: batch.source, contentHash: contentHash,
            rejected: Int64(validation.rejections.count), rejectionDetail: detail, logger: logger)
        return BatchLoadResult(
            batchID: manifest.batchID, state: manifest.state, accepted: manifest.accepted,
            rejected: manifest.rejected, resubmitted: manifest.resubmitted, replacedChunks: manifest.replacedChunks,
            rejections: manifest.resubmitted ? [] : validation.rejections)
    }
}
