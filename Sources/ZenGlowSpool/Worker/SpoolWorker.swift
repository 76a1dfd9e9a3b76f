import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// `zenglow spool run`: watches `incoming/` and opens a run when SPOOL_MIN_FILES files are ready or
/// the oldest has waited SPOOL_MAX_WAIT (orphans in `processing/` open one at once), until
/// shut down. A run in progress finishes its current file before the worker stops.
public struct SpoolWorker: Service {
    let runner: SpoolRunner
    let logger: Logger

    public init(runner: SpoolRunner, logger: Logger) {
        self.runner = runner
        self.logger = logger
    }

    public func run() async throws {
        let configuration = runner.configuration
        let watcher = IncomingWatcher(
            folder: configuration.directory.path(.incoming), pollInterval: configuration.pollInterval, logger: logger)
        defer { watcher.stop() }
        let stopping = Mutex(false)
        let shouldStop: @Sendable () -> Bool = { Task.isCancelled || stopping.withLock { $0 } }
        // A graceful shutdown (SIGTERM) lets the file in hand finish; cancellation stops at once.
        try await withGracefulShutdownHandler {
            try await watch(watcher, shouldStop: shouldStop)
        } onGracefulShutdown: {
            stopping.withLock { $0 = true }
            watcher.wake()
        }
    }

    private func watch(_ watcher: IncomingWatcher, shouldStop: @escaping @Sendable () -> Bool) async throws {
        let configuration = runner.configuration
        logger.info(
            "spool worker watching",
            metadata: [
                "zg.spool": "\(configuration.directory.root)", "zg.inotify": "\(watcher.usesInotify)",
                "zg.min_files": "\(configuration.minFiles)",
                "zg.max_wait_ms": "\(Int(configuration.maxWait / .milliseconds(1)))",
            ])
        while !shouldStop() {
            let ready = runner.ready()
            let oldestWait = ready.map { Date().timeIntervalSince1970 - $0.changed }.max() ?? 0
            let maxWait = configuration.maxWait.milliseconds / 1000
            // Orphans of a worker that died open a run at once, whatever the thresholds.
            let due = ready.count >= configuration.minFiles || (!ready.isEmpty && oldestWait >= maxWait)
            if due || runner.hasOrphans() {
                do {
                    // A run that claimed nothing (every file busy elsewhere) waits like an idle worker.
                    if try await runner.run(shouldStop: shouldStop) != nil { continue }
                } catch {
                    logger.error("the run stopped early", metadata: ["zg.error": "\(error)"])
                }
                await watcher.wait(upTo: configuration.pollInterval)
                continue
            }
            let untilDue = ready.isEmpty ? Duration.seconds(5) : .milliseconds(Int(max(0, maxWait - oldestWait) * 1000))
            await watcher.wait(upTo: untilDue)
        }
    }
}
