import Configuration
import Foundation
import Logging
import ZenGlowAPI
import ZenGlowEmbedded
import ZenGlowEmbedding
import ZenGlowSpool

/// The spool commands' configuration: SpoolConfiguration from the environment (and the env file),
/// with the embedded stack's database and project folder as defaults.
enum SpoolSettings {
    static func load(_ options: SpoolOptions) async throws -> SpoolConfiguration {
        let reader = try await APIConfiguration.reader(environmentFile: options.envFile)
        let embedded = try EmbeddedConfiguration(reader: reader)
        var configuration = try SpoolConfiguration(
            reader: reader, home: embedded.home, database: try EmbeddedDefaults.database(reader: reader))
        if let spoolDir = options.spoolDir {
            let root = URL(fileURLWithPath: spoolDir).standardizedFileURL.path
            let defaults = SpoolConfiguration(
                root: root, modelDirectory: configuration.modelDirectory, database: configuration.database)
            if reader.string(forKey: "spool.report.dir")?.isEmpty ?? true {
                configuration.reportDirectory = defaults.reportDirectory
            }
            if reader.string(forKey: "spool.failure.log")?.isEmpty ?? true {
                configuration.failureLog = defaults.failureLog
            }
            configuration.directory = SpoolDirectory(root: root)
        }
        return configuration
    }

    /// The embedder EMBED_PROVIDER names: the local model (loaded and verified now, so a missing
    /// model stops the worker at start, naming the folder), or none.
    static func embedder(_ configuration: SpoolConfiguration) throws -> (any TextEmbedder)? {
        switch configuration.embedProvider {
        case .none: return nil
        case .local:
            let directory = ModelDirectory(url: URL(fileURLWithPath: configuration.modelDirectory))
            return LocalEmbedder(
                encoder: try SentenceEncoder(directory: directory), threads: configuration.embedThreads)
        }
    }

    /// The worker's runner: its metrics, the gate notifier over the spool's outbox, the embedder and
    /// the crash-test fault point, as `spool run` and `spool process` both use them.
    static func runner(_ configuration: SpoolConfiguration, logger: Logger) throws -> SpoolRunner {
        let metrics = SpoolMetrics()
        let gate = GateNotifier(
            configuration: configuration.gate, outboxDirectory: configuration.directory.gateOutbox, metrics: metrics,
            logger: logger)
        return try SpoolRunner(
            configuration: configuration, embedder: try embedder(configuration), metrics: metrics, gate: gate,
            logger: logger, fault: try fault())
    }

    /// `ZENGLOW_SPOOL_FAULT`, for crash tests.
    static func fault() throws -> SpoolFaultPoint? {
        guard let raw = ProcessInfo.processInfo.environment["ZENGLOW_SPOOL_FAULT"], !raw.isEmpty else { return nil }
        guard let point = SpoolFaultPoint(rawValue: raw) else {
            throw SpoolError(
                "ZENGLOW_SPOOL_FAULT=\(raw) is not one of \(SpoolFaultPoint.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return point
    }
}
