import Foundation
import Logging
import ServiceLifecycle

/// Writes request timings to zenglow.query_performance in batches, off the request path.
/// `record` never waits: the buffer is bounded, and when the database is slow the newest records
/// beyond it are dropped and counted (zenglow_performance_records_dropped_total), never queued
/// without bound.
public struct PerformanceRecorder: Service {
    let stream: AsyncStream<PerformanceRecord>
    let continuation: AsyncStream<PerformanceRecord>.Continuation
    let database: APIDatabase
    let metrics: APIMetrics
    let batchSize: Int
    let flushInterval: Duration
    let logger: Logger

    public init(configuration: APIConfiguration, database: APIDatabase, metrics: APIMetrics, logger: Logger) {
        (stream, continuation) = AsyncStream.makeStream(
            of: PerformanceRecord.self, bufferingPolicy: .bufferingOldest(configuration.performanceBuffer))
        self.database = database
        self.metrics = metrics
        batchSize = configuration.performanceBatch
        flushInterval = .milliseconds(configuration.performanceFlushMilliseconds)
        self.logger = logger
    }

    /// Queues a record; returns at once.
    public func record(_ record: PerformanceRecord) {
        if case .dropped = continuation.yield(record) { metrics.performanceDropped.increment() }
    }

    public func run() async throws {
        // On graceful shutdown the stream finishes and what is buffered is still written.
        await withGracefulShutdownHandler {
            var pending: [PerformanceRecord] = []
            var lastFlush = ContinuousClock.now
            for await record in stream {
                pending.append(record)
                if pending.count >= batchSize || ContinuousClock.now - lastFlush >= flushInterval {
                    await flush(&pending)
                    lastFlush = ContinuousClock.now
                }
            }
            await flush(&pending)
        } onGracefulShutdown: {
            continuation.finish()
        }
    }

    /// Writes what is pending, one statement per tenant (each under its own tenant's policy).
    /// A failed write drops its records and counts them; it never retries into a growing queue.
    private func flush(_ pending: inout [PerformanceRecord]) async {
        guard !pending.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        for (tenant, records) in Dictionary(grouping: pending, by: \.tenant) {
            do {
                let json = String(decoding: try encoder.encode(records), as: UTF8.self)
                _ = try await database.call(
                    "zenglow_api.record_performance($3::jsonb)", tenant: tenant, requestID: "performance-writer",
                    logger: logger
                ) { $0.append(json) }
                metrics.performanceWritten.increment(by: records.count)
            } catch {
                metrics.performanceDropped.increment(by: records.count)
                logger.warning(
                    "dropped performance records",
                    metadata: ["zg.count": "\(records.count)", "zg.error": "\(DatabaseErrorSummary(error))"])
            }
        }
        pending.removeAll(keepingCapacity: true)
    }
}
