import Foundation
import Logging
import Testing
import ZenGlowSpool
import ZenGlowTestSupport

@Suite("Gate notifications: outbox, delivery, retries")
struct GateNotifierTests {
    static let token = "gate-secret-token"

    static let open = GateEvent(
        event: .open, runID: "run-1", files: ["a.msgpack", "b.msgpack.zst"], batchTags: ["b1", "b2"],
        counts: GateCounts(files: 2, batches: 2), startedAt: Date(timeIntervalSince1970: 1_760_000_000))

    static let done = GateEvent(
        event: .done, runID: "run-1", files: ["a.msgpack", "b.msgpack.zst"], batchTags: ["b1", "b2"],
        counts: GateCounts(files: 2, batches: 2, chunksAccepted: 40, embedded: 12), reason: .success,
        startedAt: Date(timeIntervalSince1970: 1_760_000_000), finishedAt: Date(timeIntervalSince1970: 1_760_000_003))

    /// A notifier with retries tiny enough for tests.
    static func notifier(
        url: URL?, outbox: String, metrics: SpoolMetrics = SpoolMetrics(), timeout: Duration = .seconds(10)
    ) -> GateNotifier {
        var logger = Logger(label: "zenglow.test.gate")
        logger.logLevel = .error
        return GateNotifier(
            configuration: GateConfiguration(
                url: url, token: token, timeout: timeout, retryBase: .milliseconds(5), retryMax: .milliseconds(50)),
            outboxDirectory: outbox, metrics: metrics, logger: logger)
    }

    /// The outbox's undelivered entries, oldest first.
    static func entries(_ outbox: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: outbox)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test("a delivery carries the bearer token, the event and delivery headers, and a signature over the exact body")
    func deliveryHeaders() async throws {
        let outbox = try TemporaryDirectory.make() + "/.gate"
        let metrics = SpoolMetrics()
        try await GateReceiver.serving { gate in
            let notifier = Self.notifier(url: gate.url, outbox: outbox, metrics: metrics)
            await notifier.send(Self.open)
            await notifier.shutdown()
            #expect(gate.deliveries.count == 1)
            let delivery = try #require(gate.deliveries.first)
            #expect(delivery.header("Content-Type") == "application/json")
            #expect(delivery.header("Authorization") == "Bearer \(Self.token)")
            #expect(delivery.header("X-ZenGlow-Event") == "gate.open")
            #expect(UUID(uuidString: delivery.header("X-ZenGlow-Delivery") ?? "") != nil)
            let signature = try #require(delivery.header("X-ZenGlow-Signature"))
            #expect(signature.hasPrefix("t="))
            #expect(GateSignature.verify(body: delivery.body, header: signature, token: Self.token))
            #expect(!GateSignature.verify(body: delivery.body, header: signature, token: "another-token"))
            #expect(try JSONDecoder().decode(GateEvent.self, from: delivery.body) == Self.open)
            #expect(Self.entries(outbox).isEmpty)
            #expect(metrics.value(#"zenglow_gate_deliveries_total{event="gate.open",outcome="delivered"}"#) == 1)
            #expect(metrics.value("zenglow_gate_outbox_pending") == 0)
        }
    }

    @Test("a gate answering 500 twice then 200 gets the same delivery id three times, and the outbox ends empty")
    func retriesUntilDelivered() async throws {
        let outbox = try TemporaryDirectory.make() + "/.gate"
        let metrics = SpoolMetrics()
        try await GateReceiver.serving(answers: [.status(.internalServerError), .status(.internalServerError)]) {
            gate in
            let notifier = Self.notifier(url: gate.url, outbox: outbox, metrics: metrics)
            await notifier.send(Self.done)
            #expect(gate.deliveries.count == 1)
            #expect(Self.entries(outbox).count == 1, "an event the gate refused stays in the outbox")
            let loop = Task { await notifier.deliverPending() }
            let delivered = await eventually(within: .seconds(10)) {
                gate.deliveries.count >= 3 && Self.entries(outbox).isEmpty
            }
            loop.cancel()
            await loop.value
            await notifier.shutdown()
            #expect(delivered)
            #expect(gate.deliveries.count == 3)
            let ids = Set(gate.deliveries.map { $0.header("X-ZenGlow-Delivery") })
            #expect(ids.count == 1 && ids.first! != nil, "delivery ids: \(ids)")
            #expect(Set(gate.deliveries.map(\.body)).count == 1, "every attempt sends the same bytes")
            for delivery in gate.deliveries {
                let signature = delivery.header("X-ZenGlow-Signature") ?? ""
                #expect(GateSignature.verify(body: delivery.body, header: signature, token: Self.token))
            }
            #expect(metrics.value(#"zenglow_gate_deliveries_total{event="gate.done",outcome="failed"}"#) == 2)
            #expect(metrics.value(#"zenglow_gate_deliveries_total{event="gate.done",outcome="delivered"}"#) == 1)
        }
    }

    @Test(
        "an unreachable gate: send returns within the timeout, the event stays in the outbox, a later flush delivers it"
    )
    func unreachableGate() async throws {
        let outbox = try TemporaryDirectory.make() + "/.gate"
        let port = try await GateReceiver.closedPort()
        let url = URL(string: "http://127.0.0.1:\(port)/gate")!
        // The HTTP client keeps retrying a refused connection until the attempt's deadline, so a
        // closed port costs one timeout: the bound is what matters.
        // Bounds are generous against a loaded machine: what is tested is that send is bounded at all.
        let notifier = Self.notifier(url: url, outbox: outbox, timeout: .seconds(1))
        let started = ContinuousClock.now
        await notifier.send(Self.open)
        let took = ContinuousClock.now - started
        #expect(took < .seconds(10), "send took \(took)")
        let recorded = Self.entries(outbox)
        #expect(recorded.count == 1)
        do {
            try await GateReceiver.serving(port: port) { gate in
                await notifier.flush(within: .seconds(30))
                // A loaded machine may time out an attempt that then arrives anyway: each is the same delivery.
                #expect(gate.deliveries.count >= 1)
                let ids = Set(gate.deliveries.compactMap { $0.header("X-ZenGlow-Delivery") })
                let id = try #require(ids.first)
                #expect(ids.count == 1, "every attempt carries one delivery id: \(ids)")
                #expect(recorded.first?.contains(id) == true, "\(id) is not the recorded entry \(recorded)")
            }
        } catch {
            await notifier.shutdown()  // a client dropped unshut would crash the whole test process
            throw error
        }
        #expect(Self.entries(outbox).isEmpty)
        await notifier.shutdown()
    }

    @Test("a gate that accepts the connection but never answers holds send up for one timeout, not longer")
    func hangingGate() async throws {
        let outbox = try TemporaryDirectory.make() + "/.gate"
        let metrics = SpoolMetrics()
        try await GateReceiver.serving(answers: [.hang]) { gate in
            // The gate hangs for an hour: returning at all, within a loaded machine's margin, is the bound.
            let notifier = Self.notifier(url: gate.url, outbox: outbox, metrics: metrics, timeout: .seconds(1))
            let started = ContinuousClock.now
            await notifier.send(Self.open)
            let took = ContinuousClock.now - started
            #expect(took >= .seconds(1) && took < .seconds(10), "send took \(took)")
            #expect(Self.entries(outbox).count == 1)
            #expect(metrics.value(#"zenglow_gate_deliveries_total{event="gate.open",outcome="failed"}"#) == 1)
            await notifier.flush(within: .seconds(30))
            await notifier.shutdown()
            // A loaded machine may time out a retry too: delivered in the end is what counts.
            #expect(gate.deliveries.count >= 2)
            #expect(Self.entries(outbox).isEmpty)
        }
    }

    @Test("the outbox survives a restart: a new notifier delivers what the old one could not, oldest first, same ids")
    func outboxSurvivesRestart() async throws {
        let outbox = try TemporaryDirectory.make() + "/.gate"
        let port = try await GateReceiver.closedPort()
        let url = URL(string: "http://127.0.0.1:\(port)/gate")!
        let first = Self.notifier(url: url, outbox: outbox, timeout: .seconds(1))
        await first.send(Self.open)
        await first.send(Self.done)
        await first.shutdown()
        let recorded = Self.entries(outbox)
        #expect(recorded.count == 2)
        try await GateReceiver.serving(port: port) { gate in
            let metrics = SpoolMetrics()
            let second = Self.notifier(url: url, outbox: outbox, metrics: metrics)
            #expect(metrics.value("zenglow_gate_outbox_pending") == 2, "a restarted worker reports what is pending")
            await second.flush(within: .seconds(10))
            await second.shutdown()
            let events = try gate.deliveries.map { try JSONDecoder().decode(GateEvent.self, from: $0.body).event }
            #expect(events == [.open, .done])
            let ids = gate.deliveries.compactMap { $0.header("X-ZenGlow-Delivery") }
            #expect(ids.count == 2)
            #expect(zip(recorded, ids).allSatisfy { $0.contains($1) }, "\(recorded) vs \(ids)")
            #expect(Self.entries(outbox).isEmpty)
            #expect(metrics.value("zenglow_gate_outbox_pending") == 0)
        }
    }

    @Test("an outbox that cannot be written still lets the event out once, unrecorded")
    func unwritableOutbox() async throws {
        let blocker = try TemporaryDirectory.make() + "/not-a-folder"
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data()))
        let metrics = SpoolMetrics()
        try await GateReceiver.serving { gate in
            let notifier = Self.notifier(url: gate.url, outbox: blocker + "/.gate", metrics: metrics)
            await notifier.send(Self.done)
            await notifier.shutdown()
            #expect(gate.deliveries.count == 1)
            #expect(metrics.value(#"zenglow_gate_deliveries_total{event="gate.done",outcome="delivered"}"#) == 1)
        }
    }

    @Test("without GATE_URL events are neither sent nor recorded, and the delivery loop just waits to be cancelled")
    func noGate() async throws {
        let outbox = try TemporaryDirectory.make() + "/.gate"
        let notifier = Self.notifier(url: nil, outbox: outbox)
        let started = ContinuousClock.now
        await notifier.send(Self.open)
        await notifier.flush(within: .seconds(5))
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(!FileManager.default.fileExists(atPath: outbox))
        let loop = Task { await notifier.deliverPending() }
        loop.cancel()
        await loop.value
        await notifier.shutdown()
    }
}
