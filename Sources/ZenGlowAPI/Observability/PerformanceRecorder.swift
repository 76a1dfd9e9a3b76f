import Foundation
import Logging
import ServiceLifecycle
import ZenGlowDB

/// Writes request timings to zenglow.query_performance in batches, off the request path.
/// `record` never waits: the buffer is bounded, and when the database is slow the newest records
/// beyond it are dropped and counted (zenglow_performance_records_dropped_total), never queued
/// without bound.
public struct PerformanceRecorder: Service {
    /// What the writer waits for: a record, or the flush interval passing (so that the last
    /// records before a quiet spell are written within the interval, not with the next request).
    enum Item: Sendable {
        case record(PerformanceRecord)
        case tick
    }

    let stream: AsyncStream<Item>
    let continuation: AsyncStream<Item>.Continuation
    let database: APIDatabase
    let metrics: APIMetrics
    let batchSize: Int
    let flushInterval: Duration
    let logger: Logger

    public init(configuration: APIConfiguration, database: APIDatabase, metrics: APIMetrics, logger: Logger) {
        (stream, continuation) = AsyncStream.makeStream(
            of: Item.self, bufferingPolicy: .bufferingOldest(configuration.performanceBuffer))
        self.database = database
        self.metrics = metrics
        batchSize = configuration.performanceBatch
        flushInterval = .milliseconds(configuration.performanceFlushMilliseconds)
        self.logger = logger
    }

    /// Queues a record; returns at once. A record that finds the buffer full, or the writer
    /// already finished (a request still answering during shutdown), is dropped and counted.
    public func record(_ record: PerformanceRecord) {
        switch continuation.yield(.record(record)) {
        case .enqueued: break
        case .dropped, .terminated: metrics.performanceDropped.increment()
        @unknown default: metrics.performanceDropped.increment()
        }
    }

    public func run() async throws {
        // On graceful shutdown the stream finishes and what is buffered is still written.
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { [continuation, flushInterval] in
                    // A full buffer drops a tick, which is harmless: a full buffer flushes by size.
                    while (try? await Task.sleep(for: flushInterval)) != nil {
                        if case .terminated = continuation.yield(.tick) { return }
                    }
                }
                var pending: [PerformanceRecord] = []
                for await item in stream {
                    switch item {
                    case .record(let record):
                        pending.append(record)
                        if pending.count >= batchSize { await flush(&pending) }
                    case .tick:
                        await flush(&pending)
                    }
                }
                await flush(&pending)
                group.cancelAll()
            }
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
                try await database.client.withTenant(tenant, requestID: "performance-writer", logger: logger) {
                    try await $0.recordPerformance(recordsJSON: json, logger: logger)
                }
                metrics.performanceWritten.increment(by: records.count)
            } catch {
                metrics.performanceDropped.increment(by: records.count)
                logger.warning(
                    "dropped performance records",
                    metadata: ["zg.count": "\(records.count)", "zg.error": "\(DatabaseError(error))"])
            }
        }
        pending.removeAll(keepingCapacity: true)
    }
}
