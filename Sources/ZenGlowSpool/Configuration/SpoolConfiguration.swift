import Foundation
import ZenGlowDB

/// Everything the spool worker and writers read from the environment (or an env file). Keys,
/// defaults and ranges:
///
/// - `SPOOL_DIR` (path, default `$ZENGLOW_HOME/spool`): the spool's root.
/// - `SPOOL_MIN_FILES` (1…100000, default 1) and `SPOOL_MAX_WAIT` (seconds, 0…86400, default 5): a
///   run opens when at least MIN_FILES files are ready or the oldest has waited MAX_WAIT.
/// - `SPOOL_POLL_INTERVAL` (seconds, 0.01…60, default 0.25): how often the folder is listed when
///   inotify is unavailable (with inotify, a backstop of at most 5 s).
/// - `SPOOL_MAX_ATTEMPTS` (1…1000, default 5): claims of one file before it goes to `failed/`.
/// - `SPOOL_CONCURRENCY` (1…64, default 4): files a run processes at once.
/// - `SPOOL_RETRY_BASE` / `SPOOL_RETRY_MAX` (seconds, defaults 1 and 300): back-off after a transient
///   failure, doubling per attempt, capped.
/// - `SPOOL_SEGMENT_MAX_BYTES` (default 64 MiB) / `SPOOL_SEGMENT_MAX_AGE` (seconds, default 600): when
///   `spool append` seals its segment and opens the next.
/// - `SPOOL_MAX_FILE_BYTES` (default 256 MiB) / `SPOOL_MAX_DECOMPRESSED_BYTES` (default 1 GiB).
/// - `SPOOL_REPORT_DIR` (default `$SPOOL_DIR/reports`), `SPOOL_FAILURE_LOG` (default
///   `$SPOOL_DIR/failures.jsonl`).
/// - `SPOOL_METRICS_HOST` (default 127.0.0.1) / `SPOOL_METRICS_PORT` (0…65535, default 9465; 0: none).
/// - `GATE_URL` (unset: no gate), `GATE_TOKEN` (secret; Bearer token and signing key), `GATE_TIMEOUT`
///   (seconds, default 5).
/// - `DRIFT_THRESHOLD` (0…1, default 0.2), `INGEST_PII` (off | flag | redact | reject, default flag).
/// - `EMBED_PROVIDER` (local | none, default local), `EMBED_MODEL_DIR`, `EMBED_THREADS` (1…256,
///   default: the processor count).
/// - `DATABASE_URL` (default: the embedded cluster of `zenglow dev`).
public struct SpoolConfiguration: Sendable {
    public enum EmbedProvider: String, Sendable { case local, none }

    public var directory: SpoolDirectory
    public var minFiles = 1
    public var maxWait: Duration = .seconds(5)
    public var pollInterval: Duration = .milliseconds(250)
    public var maxAttempts = 5
    public var concurrency = 4
    public var retryBase: Duration = .seconds(1)
    public var retryMax: Duration = .seconds(300)
    public var segmentMaxBytes = 64 << 20
    public var segmentMaxAge: Duration = .seconds(600)
    public var maxFileBytes = 256 << 20
    public var maxDecompressedBytes = 1 << 30
    public var reportDirectory: String
    public var failureLog: String
    public var metricsHost = "127.0.0.1"
    public var metricsPort = 9465
    public var gateURL: URL?
    public var gateToken: String?
    public var gateTimeout: Duration = .seconds(5)
    public var driftThreshold = 0.2
    public var piiMode: PIIMode = .flag
    public var embedProvider: EmbedProvider = .local
    public var modelDirectory: String
    public var embedThreads = ProcessInfo.processInfo.activeProcessorCount
    public var database: DatabaseConfiguration

    /// Defaults for a spool at `root`.
    public init(root: String, modelDirectory: String, database: DatabaseConfiguration) {
        directory = SpoolDirectory(root: root)
        reportDirectory = "\(directory.root)/reports"
        failureLog = "\(directory.root)/failures.jsonl"
        self.modelDirectory = modelDirectory
        self.database = database
    }

    /// The reader with this configuration's bounds.
    public var fileReader: SpoolFileReader {
        SpoolFileReader(maxFileBytes: maxFileBytes, maxDecompressedBytes: maxDecompressedBytes)
    }

    public var gate: GateConfiguration {
        GateConfiguration(url: gateURL, token: gateToken, timeout: gateTimeout)
    }

    /// The back-off before the next claim after `attempt` transient failures: doubling, capped,
    /// with up to 20% jitter so that files put back together do not return together.
    public func retryDelay(afterAttempt attempt: Int) -> Duration {
        let base = retryBase / .seconds(1)
        let capped = min(retryMax / .seconds(1), base * pow(2, Double(max(0, attempt - 1))))
        return .milliseconds(Int(capped * 1000 * Double.random(in: 0.8...1.0)))
    }
}
