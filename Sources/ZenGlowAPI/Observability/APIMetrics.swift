import CoreMetrics
import Foundation
import Metrics
import Prometheus
import Synchronization
import ZenGlowDB

/// The API's metrics, in a registry of its own (so several apps in one test process do not
/// share counters), written through swift-metrics and exposed in Prometheus text format.
public final class APIMetrics: Sendable {
    /// Pipeline stages of a query, each with its own histogram: `embed` and `retrieve` (the one SQL
    /// call) timed by the API, the stages inside that call from rag_query's own timing block.
    public enum Stage: String, Sendable, CaseIterable {
        case embed, retrieve, lexical, vector, features, ltr, fusion
    }

    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    let listenerReconnects: CoreMetrics.Counter
    let performanceDropped: CoreMetrics.Counter
    let performanceWritten: CoreMetrics.Counter
    let rateLimited: CoreMetrics.Counter
    let databaseInUse: CoreMetrics.Meter
    let poolSize: CoreMetrics.Gauge
    let listenerConnected: CoreMetrics.Gauge
    let stageTimers: [Stage: CoreMetrics.Timer]
    let sessionsRejected: CoreMetrics.Counter
    let buildUpdatesPublished: CoreMetrics.Counter

    public init(poolSize: Int) {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(20), .milliseconds(30), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        ]
        self.factory = factory
        listenerReconnects = CoreMetrics.Counter(label: "zenglow_listener_reconnects_total", factory: factory)
        performanceDropped = CoreMetrics.Counter(label: "zenglow_performance_records_dropped_total", factory: factory)
        performanceWritten = CoreMetrics.Counter(label: "zenglow_performance_records_written_total", factory: factory)
        rateLimited = CoreMetrics.Counter(label: "zenglow_rate_limited_total", factory: factory)
        databaseInUse = CoreMetrics.Meter(label: "zenglow_db_pool_connections_in_use", factory: factory)
        self.poolSize = CoreMetrics.Gauge(label: "zenglow_db_pool_connections_max", factory: factory)
        listenerConnected = CoreMetrics.Gauge(label: "zenglow_listener_connected", factory: factory)
        stageTimers = Dictionary(
            uniqueKeysWithValues: Stage.allCases.map {
                (
                    $0,
                    CoreMetrics.Timer(
                        label: "zenglow_query_stage_duration_seconds", dimensions: [("stage", $0.rawValue)],
                        factory: factory)
                )
            })
        sessionsRejected = CoreMetrics.Counter(label: "zenglow_active_sessions_rejected_total", factory: factory)
        buildUpdatesPublished = CoreMetrics.Counter(
            label: "zenglow_build_updates_published_total", factory: factory)
        self.poolSize.record(poolSize)
    }

    /// Counts a response-cache lookup of `POST /rag/query` by its outcome.
    func cache(_ outcome: CacheOutcome) {
        CoreMetrics.Counter(
            label: "zenglow_cache_requests_total", dimensions: [("result", outcome.rawValue)], factory: factory
        ).increment()
    }

    /// Counts a decision that needed Redis and was made without it (`use`: `rate_limit`,
    /// `sessions`): the instance fell back to its own, per-instance state.
    func redisFallback(_ use: String) {
        CoreMetrics.Counter(
            label: "zenglow_redis_fallbacks_total", dimensions: [("use", use)], factory: factory
        ).increment()
    }

    /// Counts a finished request and records its duration, by route template and status.
    func request(route: String, method: String, status: Int, seconds: Double) {
        CoreMetrics.Counter(
            label: "zenglow_http_requests_total",
            dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory
        ).increment()
        CoreMetrics.Timer(
            label: "zenglow_http_request_duration_seconds", dimensions: [("route", route)], factory: factory
        )
        .recordNanoseconds(Int64(seconds * 1e9))
    }

    /// Records how long one stage of the query pipeline took.
    func stage(_ stage: Stage, seconds: Double) {
        stageTimers[stage]?.recordNanoseconds(Int64(seconds * 1e9))
    }

    /// Records the stages rag_query timed inside the SQL call.
    func stages(_ timing: RagQueryTiming) {
        for stage in RagQueryTiming.Stage.allCases {
            if let metric = Stage(rawValue: stage.rawValue) {
                self.stage(metric, seconds: timing[stage] / 1000)
            }
        }
    }

    /// Runs a database call, counting it as a pool connection in use meanwhile.
    func usingDatabase<Result>(_ body: () async throws -> Result) async rethrows -> Result {
        databaseInUse.increment()
        defer { databaseInUse.decrement() }
        return try await body()
    }

    /// What each metric means, emitted as its `# HELP` line (swift-metrics has no place for it).
    static let help: [String: String] = [
        "zenglow_http_requests_total": "HTTP requests by route template, method and status.",
        "zenglow_http_request_duration_seconds": "HTTP request latency by route template.",
        "zenglow_query_stage_duration_seconds":
            "Latency of each stage of a query: embed (the embedder), retrieve (the one SQL call, as the API saw it), and inside that call, as rag_query measured them: lexical, vector, features, ltr, fusion.",
        "zenglow_listener_reconnects_total": "Times the LISTEN connection was lost and re-established.",
        "zenglow_listener_connected": "1 while the LISTEN connection is up.",
        "zenglow_performance_records_dropped_total":
            "Timing records dropped because the buffer was full or the write failed.",
        "zenglow_performance_records_written_total": "Timing records written to query_performance.",
        "zenglow_rate_limited_total": "Requests refused by the per-key rate limit.",
        "zenglow_redis_up":
            "1 while the last Redis call succeeded, 0 after one failed; absent with REDIS_ENABLED=false.",
        "zenglow_redis_fallbacks_total":
            "Rate-limit or session-cap decisions made per instance because Redis could not be reached, by use.",
        "zenglow_cache_requests_total":
            "POST /rag/query response-cache lookups by result: hit, miss (answered and stored), bypass (not cacheable, or Redis unreachable).",
        "zenglow_active_sessions_rejected_total":
            "Requests refused with 503 because MAX_ACTIVE_SESSIONS were in flight for MAX_ACTIVE_SESSIONS_WAIT_MS.",
        "zenglow_build_updates_published_total": "Build-update envelopes published on REDIS_BUILD_CHANNEL.",
        "zenglow_db_pool_connections_in_use": "Database calls in flight (pool connections in use).",
        "zenglow_db_pool_connections_max": "The pool's connection limit (DATABASE_POOL_SIZE).",
        "zenglow_reads_total":
            "POST /rag/query reads by the server that answered: replica (DATABASE_READ_URL) or primary.",
        "zenglow_read_replica_fallbacks_total":
            "Reads meant for the replica that ran on the primary, by reason: unreachable, circuit_open, lag (min_lsn not replayed within READ_LSN_WAIT_MS), conflict (recovery conflict).",
        "zenglow_read_replica_up": "1 after the read replica answered, 0 after it could not be reached.",
    ]

    /// Prometheus text exposition format.
    public func prometheusText() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        var lines: [Substring] = []
        for line in String(decoding: buffer, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("# TYPE "), let name = line.split(separator: " ").dropFirst(2).first,
                let help = Self.help[String(name)]
            {
                lines.append("# HELP \(name) \(help)")
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same samples as a JSON-friendly dictionary: `name{labels}` → value.
    public func samples() -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in prometheusText().split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            samples[String(line[..<space])] = value
        }
        return samples
    }
}
