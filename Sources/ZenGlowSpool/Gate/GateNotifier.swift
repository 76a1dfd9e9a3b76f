import AsyncHTTPClient
import Foundation
import Logging

/// Tells the gate (`GATE_URL`) about runs without ever holding ingestion up or losing an event:
/// every event is written to the outbox first (fsynced), then POSTed; what could not be delivered
/// stays there and is retried, oldest first, with capped exponential backoff, across restarts.
///
/// One pass over the outbox runs at a time, so an entry is never in flight twice from one process.
/// Receivers should still treat `X-ZenGlow-Delivery` as an idempotency key: a crash between a 2xx
/// and the deletion of the entry sends it again. Call `shutdown()` before letting go of a notifier.
public actor GateNotifier {
    let configuration: GateConfiguration
    let outbox: GateOutbox
    let metrics: SpoolMetrics
    let logger: Logger
    var client: HTTPClient?
    private var isShutDown = false
    private var lastStamp: UInt64 = 0
    private var consecutiveFailures = 0
    private var nextAttempt = ContinuousClock.now
    private var attempts: [String: Int] = [:]
    private var passRunning = false
    private var idleWait: Task<Void, Never>?
    private var saidDisabled = false

    /// A notifier whose outbox is `outboxDirectory` (`$SPOOL_DIR/.gate`, created on the first event).
    public init(configuration: GateConfiguration, outboxDirectory: String, metrics: SpoolMetrics, logger: Logger) {
        var configuration = configuration
        if configuration.token?.isEmpty == true { configuration.token = nil }
        self.configuration = configuration
        self.outbox = GateOutbox(directory: outboxDirectory)
        self.metrics = metrics
        self.logger = logger
        if configuration.url != nil {
            metrics.gatePending(outbox.pending().count)
            if configuration.token == nil {
                logger.warning(
                    "GATE_URL is set without GATE_TOKEN: gate deliveries go out unauthenticated and unsigned")
            }
        }
    }

    /// Records the event durably in the outbox (fsync) before anything else, then tries to deliver it.
    /// Never throws, never blocks ingestion longer than one bounded attempt; undelivered events stay in the outbox.
    public func send(_ event: GateEvent) async {
        guard configuration.url != nil else { return noteDisabled() }
        var metadata: Logger.Metadata = ["zg.gate.event": "\(event.event.rawValue)", "zg.run.id": "\(event.runID)"]
        let body: Data
        do {
            body = try event.jsonBody()
        } catch {
            metadata["zg.error"] = "\(error)"
            return logger.error("could not encode a gate event", metadata: metadata)
        }
        let deliveryID = UUID().uuidString.lowercased()
        metadata["zg.gate.delivery"] = "\(deliveryID)"
        do {
            _ = try outbox.record(body, stamp: nextStamp(), deliveryID: deliveryID)
            metrics.gatePending(outbox.pending().count)
        } catch {
            // Better sent once without a record than not at all.
            metadata["zg.error"] = "\(error)"
            logger.error("could not record a gate event in the outbox; trying it once unrecorded", metadata: metadata)
            let failure = await post(
                body: body, kind: event.event, deliveryID: deliveryID, timeout: configuration.timeout)
            metrics.gateDelivery(event: event.event.rawValue, outcome: failure == nil ? "delivered" : "failed")
            if let failure {
                metadata["zg.error"] = "\(failure)"
                logger.error("an unrecorded gate event was lost", metadata: metadata)
            }
            return
        }
        _ = await deliverOutbox(until: .now + configuration.timeout)
        if !outbox.pending().isEmpty { idleWait?.cancel() }  // a waiting `deliverPending` takes over
    }

    /// Delivers outbox entries oldest first with capped exponential backoff until cancelled (a Service-like loop for `spool run`).
    /// Between failures it sleeps the backoff; with nothing to send it looks again when an event is
    /// left behind by `send`, or after `retryMax` for entries another process left.
    public func deliverPending() async {
        guard configuration.url != nil else {
            noteDisabled()
            while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
            return
        }
        while !Task.isCancelled && !isShutDown {
            let wait = nextAttempt - .now
            if wait > .zero {
                try? await Task.sleep(for: wait)
                continue
            }
            switch await deliverOutbox(until: nil) {
            case .drained: await idle(for: configuration.retryMax)
            case .busy: await idle(for: configuration.retryBase)
            case .failed, .stopped: continue
            }
        }
    }

    /// Tries the outbox for at most `timeout` (for the one-shot `spool process` before it exits).
    /// Whatever is left stays in the outbox for the next run.
    public func flush(within timeout: Duration) async {
        guard configuration.url != nil else { return }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline && !Task.isCancelled && !isShutDown {
            if nextAttempt > .now {
                try? await Task.sleep(until: min(nextAttempt, deadline), clock: .continuous)
                continue
            }
            switch await deliverOutbox(until: deadline) {
            case .drained: return
            case .busy: try? await Task.sleep(until: min(.now + configuration.retryBase, deadline), clock: .continuous)
            case .failed, .stopped: continue
            }
        }
        let left = outbox.pending().count
        if left > 0 {
            logger.warning(
                "gate events stay in the outbox for the next run", metadata: ["zg.gate.pending": "\(left)"])
        }
    }

    /// Closes the HTTP client; afterwards events are still recorded but no longer sent.
    public func shutdown() async {
        isShutDown = true
        idleWait?.cancel()
        if let client {
            self.client = nil
            try? await client.shutdown()
        }
    }

    /// How a pass over the outbox ended.
    enum PassOutcome {
        /// Nothing left to send.
        case drained
        /// An attempt failed; `nextAttempt` says when to try again.
        case failed
        /// Another pass is running (it re-reads the outbox after each delivery, so it sends ours too).
        case busy
        /// Out of time, cancelled or shut down.
        case stopped
    }

    /// Sends entries oldest first until the outbox is empty, an attempt fails or `deadline` passes;
    /// each attempt is bounded by the configured timeout and by what is left until the deadline.
    func deliverOutbox(until deadline: ContinuousClock.Instant?) async -> PassOutcome {
        guard !passRunning else { return .busy }
        passRunning = true
        defer { passRunning = false }
        while true {
            guard let entry = outbox.pending().first else { return .drained }
            var timeout = configuration.timeout
            if let deadline { timeout = min(timeout, deadline - .now) }
            guard timeout > .zero, !Task.isCancelled, !isShutDown else { return .stopped }
            let event: GateEvent
            let body: Data
            do {
                body = try outbox.body(of: entry)
                event = try JSONDecoder().decode(GateEvent.self, from: body)
            } catch {
                let kept = try? outbox.setAside(entry)
                logger.error(
                    "an unreadable gate outbox entry was set aside",
                    metadata: ["zg.gate.entry": "\(kept ?? outbox.path(of: entry))", "zg.error": "\(error)"])
                continue
            }
            let attempt = attempts[entry.name, default: 0] + 1
            attempts[entry.name] = attempt
            var metadata: Logger.Metadata = [
                "zg.gate.event": "\(event.event.rawValue)", "zg.gate.delivery": "\(entry.deliveryID)",
                "zg.run.id": "\(event.runID)", "zg.gate.attempt": "\(attempt)",
            ]
            if let failure = await post(body: body, kind: event.event, deliveryID: entry.deliveryID, timeout: timeout) {
                consecutiveFailures += 1
                let delay = configuration.retryDelay(afterFailures: consecutiveFailures)
                nextAttempt = .now + delay
                metrics.gateDelivery(event: event.event.rawValue, outcome: "failed")
                metadata["zg.error"] = "\(failure)"
                metadata["zg.gate.retry_in_ms"] = "\(Self.milliseconds(delay))"
                logger.warning("gate delivery failed; the event stays in the outbox", metadata: metadata)
                return .failed
            }
            consecutiveFailures = 0
            nextAttempt = .now
            attempts[entry.name] = nil
            metrics.gateDelivery(event: event.event.rawValue, outcome: "delivered")
            logger.info("gate event delivered", metadata: metadata)
            do {
                try outbox.remove(entry)
            } catch {
                // Left in place it would be sent again and again; stop here and let the backoff pace that.
                logger.error("a delivered gate event could not be deleted", metadata: ["zg.error": "\(error)"])
                consecutiveFailures += 1
                nextAttempt = .now + configuration.retryDelay(afterFailures: consecutiveFailures)
                return .failed
            }
            metrics.gatePending(outbox.pending().count)
        }
    }

    /// Outbox stamps: wall-clock nanoseconds, but strictly increasing within this process, so
    /// entries sort in the order they were sent even when the clock steps back.
    private func nextStamp() -> UInt64 {
        let now = UInt64(max(Date().timeIntervalSince1970, 0) * 1e9)
        lastStamp = max(now, lastStamp + 1)
        return lastStamp
    }

    /// A pause that an event left behind by `send` (or shutdown, or cancellation) ends early.
    private func idle(for duration: Duration) async {
        let wait = Task { _ = try? await Task.sleep(for: duration) }
        idleWait = wait
        await withTaskCancellationHandler {
            await wait.value
        } onCancel: {
            wait.cancel()
        }
        if idleWait == wait { idleWait = nil }
    }

    /// Whole milliseconds, for logs and messages a person reads.
    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    private func noteDisabled() {
        guard !saidDisabled else { return }
        saidDisabled = true
        logger.debug("GATE_URL is not set: gate events are neither recorded nor sent")
    }
}
