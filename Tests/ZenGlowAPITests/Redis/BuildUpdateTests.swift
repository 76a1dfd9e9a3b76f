import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import ZenGlowCache
import ZenGlowTestSupport

@testable import ZenGlowAPI

/// A hiredis subscriber on a thread of its own (its reads block), collecting what arrives.
private final class Subscriber: Sendable {
    private let received = Mutex<[String]>([])
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    init(socketPath: String, channel: String) throws {
        let connection = try RedisConnection(socketPath: socketPath)
        try connection.subscribe(channels: [channel])
        let box = UncheckedBox(connection)
        Thread.detachNewThread { [self] in
            defer { finished.signal() }
            while !stopped.load(ordering: .relaxed) {
                guard let message = try? box.value.nextMessage(timeoutMilliseconds: 100) else { continue }
                received.withLock { $0.append(String(decoding: message.payload, as: UTF8.self)) }
            }
        }
    }

    /// Each message as a JSON object (empty when it is not one).
    var messages: [[String: Any]] {
        received.withLock { $0 }.map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) ?? [:]
        }
    }

    func stop() {
        stopped.store(true, ordering: .relaxed)
        finished.wait()
    }
}

/// Hands the non-Sendable connection to the one thread that uses it.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

@Suite("build updates on REDIS_BUILD_CHANNEL")
struct BuildUpdateTests {
    @Test("a committed batch, a weights change and model activations each publish one envelope with ids only")
    func publishesEachKind() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let channel = "updates_" + environment.database.name
        let overrides = ["REDIS_BUILD_CHANNEL": channel]
        let subscriber = try Subscriber(
            socketPath: try await TestServers.shared.redis().socketPath, channel: channel)
        defer { subscriber.stop() }
        // Two listening instances: each update is still published once.
        let first = try environment.application(overrides)
        let second = try environment.application(overrides)
        try await first.application.test(.live) { _ in
            try await second.application.test(.live) { _ in
                await first.services.listenerStatus.waitForConnection()
                await second.services.listenerStatus.waitForConnection()
                let writer = try environment.application(overrides)
                try await writer.application.test(.router) { client in
                    let batch = try await client.execute(
                        uri: "/ingest/batches", method: .post, headers: .bearer(key), body: jsonBody(demoBatch()))
                    #expect(batch.status == .created)
                    let put = try await client.execute(
                        uri: "/fusion/weights", method: .put, headers: .bearer(key),
                        body: jsonBody(["weights": ["ltr": 0.6, "vector": 0.4], "reason": "build update test"]))
                    #expect(put.status == .ok)
                }
                try await environment.run(
                    "insert into zenglow.models (model_name, dimension, source) values ('other-384', 384, 'test')")
                try await environment.run("select zenglow.activate_model('other-384', 'test')")
                try await environment.run(
                    """
                    insert into zenglow.ltr_models (feature_schema_version, coefficients, trained_on)
                    values (1, '{"bm25": 1.0}', 'build update test')
                    """)
                let all = await eventually(within: .seconds(15)) {
                    Set(subscriber.messages.compactMap { $0["type"] as? String }) == ["batch", "weights", "model"]
                        && subscriber.messages.count >= 4
                }
                #expect(all, "\(subscriber.messages)")
                // Late duplicates from the second instance would arrive within this pause.
                try await Task.sleep(for: .milliseconds(500))
            }
        }
        let messages = subscriber.messages
        #expect(messages.count == 4, "one envelope per change, whatever the number of instances: \(messages)")
        for message in messages {
            #expect(Set(message.keys) == ["type", "tenant_id", "id", "version", "at"], "\(message)")
        }
        let batch = try #require(messages.first { $0["type"] as? String == "batch" })
        #expect(batch["tenant_id"] as? String == "t1")
        #expect((batch["version"] as? Int ?? 0) >= 1, "the tenant's corpus epoch")
        let weights = try #require(messages.first { $0["type"] as? String == "weights" })
        #expect(weights["tenant_id"] as? String == "t1")
        #expect(weights["version"] as? Int != nil)
        let models = messages.filter { $0["type"] as? String == "model" }
        #expect(Set(models.compactMap { $0["id"] as? String }) == ["other-384", "ltr"])
    }
}
