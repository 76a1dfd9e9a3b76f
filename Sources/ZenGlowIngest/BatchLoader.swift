import Logging
import NIOCore
import PostgresNIO
import ZenGlowDB
import ZenGlowEmbedding

/// Loads ingest batches: validates each row, streams the good ones with COPY (binary format) into
/// the session's staging table, and has `zenglow_api.ingest_staged_batch` insert them under the batch's tenant,
/// update the BM25 statistics and the manifest, and announce it — all in one transaction.
public struct BatchLoader: Sendable {
    /// Rows per COPY message; large enough to keep the socket busy, small enough to stream.
    static let copyChunkBytes = 256 * 1024

    public let logger: Logger
    /// A role the loading transaction acts as (`SET LOCAL ROLE`), e.g. `zenglow_ingest` when the
    /// API's own role loads a batch; nil keeps the connection's role.
    public let role: String?
    /// Embeds chunks that come as text only; nil refuses such batches.
    public let embedder: (any TextEmbedder)?
    /// Called after each COPY message with the rows sent so far, while the COPY is still open
    /// (progress reports; the spool's crash tests stop the worker here).
    public var copyProgress: (@Sendable (Int) async -> Void)?
    /// The COPY format of the staged rows: binary unless a benchmark compares the text format.
    public var stagingFormat = StagingFormat.binary
    /// Called after each batch with where its load spent its time (`zenglow bench load`).
    public var stepTimes: (@Sendable (BatchLoadSteps) async -> Void)?

    public init(logger: Logger, role: String? = nil, embedder: (any TextEmbedder)? = nil) {
        self.logger = logger
        self.role = role
        self.embedder = embedder
    }

    /// Loads `batch` on `connection` (which must not be inside a transaction), in one transaction
    /// scoped to the batch's tenant. A batch whose content was loaded before changes nothing and
    /// says `resubmitted`. Throws `IngestError` for an unknown or inactive tenant and the
    /// database's refusals as `DatabaseError` (a batch tag reused for other content: ZG004); the
    /// database is unchanged then.
    public func load(
        _ batch: IngestBatch, on connection: PostgresConnection, requestID: String? = nil
    ) async throws -> BatchLoadResult {
        try await load(try await prepare(batch), on: connection, requestID: requestID)
    }

    /// `batch` ready to load: its text-only chunks embedded. Done before taking a connection, so
    /// none sits idle while the embedder works. Throws `IngestError` when embedding fails.
    public func prepare(_ batch: IngestBatch) async throws -> PreparedBatch {
        // Hashed as received, so a text-only batch sent again is recognised as the same content.
        let contentHash = batch.contentHash
        let (embeddedBatch, embedded) = try await embedTextOnlyChunks(of: batch)
        return PreparedBatch(batch: embeddedBatch, contentHash: contentHash, embedded: embedded)
    }

    /// Loads a prepared batch; see `load(_:on:requestID:)`.
    public func load(
        _ prepared: PreparedBatch, on connection: PostgresConnection, requestID: String? = nil
    ) async throws -> BatchLoadResult {
        let batch = prepared.batch
        do {
            let started = ContinuousClock.now
            var steps = BatchLoadSteps()
            let result = try await connection.withTenant(
                batch.tenant, role: role, requestID: requestID, logger: logger
            ) {
                try await loadInTransaction(
                    batch, contentHash: prepared.contentHash, embedded: prepared.embedded, steps: &steps, on: $0)
            }
            if let stepTimes {
                steps.commit = (ContinuousClock.now - started).seconds - steps.total
                await stepTimes(steps)
            }
            return result
        } catch let error as IngestError {
            throw error
        } catch {
            throw DatabaseError(error)
        }
    }

    private func loadInTransaction(
        _ batch: IngestBatch,
        contentHash: String,
        embedded: Int,
        steps: inout BatchLoadSteps,
        on connection: PostgresConnection
    ) async throws -> BatchLoadResult {
        let context = try await connection.query(
            """
            select zenglow.current_tenant(), (select dimension from zenglow.models where active),
                (select model_name from zenglow.models where active)
            """, logger: logger)
        var tenantFound = false
        var dimension = 0
        var activeModel = ""
        for try await (tenant, modelDimension, modelName) in context.decode((String?, Int, String).self) {
            tenantFound = tenant != nil
            dimension = modelDimension
            activeModel = modelName
        }
        guard tenantFound else {
            throw IngestError(
                .unknownTenant, "unknown or inactive tenant '\(batch.tenant)': batch \(batch.tag) not loaded")
        }
        if embedded > 0, let embedder, embedder.model != activeModel {
            throw IngestError(
                .embedderModelMismatch,
                "batch \(batch.tag): the embedder's model \(embedder.model) is not the active model \(activeModel); nothing loaded"
            )
        }
        var clock = ContinuousClock.now
        let validation = BatchValidation(batch: batch, dimension: dimension)
        steps.validation = clock.lap()
        try await connection.prepareStaging(logger: logger)
        let encoding = try await copyStaging(validation.rows, on: connection)
        let copy = clock.lap()
        steps.encoding = encoding
        steps.transfer = copy - encoding
        let detail =
            validation.rejections.isEmpty
            ? nil
            : validation.rejections.prefix(20).map(\.description).joined(separator: "\n")
                + (validation.rejections.count > 20 ? "\n… \(validation.rejections.count - 20) more" : "")
        let manifest = try await connection.ingestStagedBatch(
            tag: batch.tag, source: batch.source, contentHash: contentHash,
            rejected: Int64(validation.rejections.count), rejectionDetail: detail, embedded: Int64(embedded),
            logger: logger)
        steps.ingest = clock.lap()
        return BatchLoadResult(
            batchID: manifest.batchID, state: manifest.state, accepted: manifest.accepted,
            rejected: manifest.rejected, embedded: manifest.embedded, resubmitted: manifest.resubmitted,
            replacedChunks: manifest.replacedChunks,
            rejections: manifest.resubmitted ? [] : validation.rejections)
    }

    /// Streams `rows` into zg_staging in `stagingFormat`; returns the seconds spent encoding them.
    private func copyStaging(_ rows: [StagingRow], on connection: PostgresConnection) async throws -> Double {
        var encoding = Duration.zero
        func stream(_ writer: PostgresCopyFromWriter) async throws {
            var buffer = ByteBuffer()
            buffer.reserveCapacity(Self.copyChunkBytes + 64 * 1024)
            var started = ContinuousClock.now
            if stagingFormat == .binary { buffer.writeBytes(StagingRow.binaryHeader) }
            var sent = 0
            var reported = 0
            for row in rows {
                switch stagingFormat {
                case .binary: row.writeBinary(into: &buffer)
                case .text: row.write(into: &buffer)
                }
                sent += 1
                if buffer.readableBytes >= Self.copyChunkBytes {
                    encoding += ContinuousClock.now - started
                    try await writer.write(buffer)
                    buffer.clear()
                    reported = sent
                    await copyProgress?(sent)
                    started = .now
                }
            }
            if stagingFormat == .binary { buffer.writeBytes(StagingRow.binaryTrailer) }
            encoding += ContinuousClock.now - started
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
            if sent > reported { await copyProgress?(sent) }
        }
        switch stagingFormat {
        case .binary:
            try await connection.copyBinary(
                into: "zg_staging", columns: StagingRow.columns, logger: logger, writeData: stream)
        case .text:
            try await connection.copyFrom(
                table: "zg_staging", columns: StagingRow.columns, logger: logger, writeData: stream)
        }
        return encoding.seconds
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension ContinuousClock.Instant {
    /// The seconds since this instant, which moves to now.
    mutating func lap() -> Double {
        let now = ContinuousClock.now
        defer { self = now }
        return (now - self).seconds
    }
}
