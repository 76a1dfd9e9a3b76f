import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing
import ZenGlowDB
import ZenGlowKeys

@testable import ZenGlowAPI

@Suite("GET /events")
struct EventsTests {
    @Test(
        "a dashboard's stream on one instance receives its tenant's weight change made on another, and never another tenant's"
    )
    func relaysChangesOnlyToTheirTenant() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let otherTenant = try await environment.key(tenant: "t2")
        let watcher = try environment.application()
        let writer = try environment.application()
        try await watcher.application.test(.live) { client in
            await watcher.services.listenerStatus.waitForConnection()
            let port = try #require(client.port)
            func open(_ key: String) async throws -> HTTPClientResponse {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/events")
                request.headers.add(name: "Authorization", value: "Bearer \(key)")
                return try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            }
            let stream = EventStream(try await open(key))
            let otherStream = EventStream(try await open(otherTenant))
            #expect(stream.response.status == .ok)
            #expect(stream.response.headers.first(name: "Content-Type") == "text/event-stream")
            try await writer.application.test(.router) { writerClient in
                func put(_ key: String, ltr: Double) async throws {
                    let response = try await writerClient.execute(
                        uri: "/fusion/weights", method: .put, headers: .bearer(key),
                        body: jsonBody(["weights": ["ltr": ltr, "vector": 1 - ltr], "reason": "dashboard test"]))
                    #expect(response.status == .ok)
                }
                try await put(key, ltr: 0.4)
                let mine = await stream.read(for: .seconds(10)) { $0.contains("event: weights") }
                #expect(mine.contains("event: weights"))
                #expect(mine.contains(#""tenant_id" : "t1""#) || mine.contains(#""tenant_id":"t1""#))
                // Then a change of t2's own: t2's stream is live and, events arriving in order,
                // t1's change would have reached it first had it leaked.
                try await put(otherTenant, ltr: 0.7)
                let theirs = await otherStream.read(for: .seconds(10)) { $0.contains("event: weights") }
                #expect(theirs.contains("event: weights"))
                #expect(theirs.contains("t2"))
                #expect(!theirs.contains("t1"), "t2's stream carried t1's event: \(theirs)")
                #expect(theirs.components(separatedBy: "event: ").count == 2, "t2's stream: \(theirs)")
            }
        }
    }

    @Test(
        "a manifest event carries the reason the spool worker set on a loaded batch, and a batch refused before it had a manifest is announced with its reason"
    )
    func manifestEventsCarryTheReason() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let watcher = try environment.application()
        let writer = try environment.application()
        let logger = APITestEnvironment.logger
        try await watcher.application.test(.live) { client in
            await watcher.services.listenerStatus.waitForConnection()
            let port = try #require(client.port)
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/events")
            request.headers.add(name: "Authorization", value: "Bearer \(key)")
            let stream = EventStream(try await HTTPClient.shared.execute(request, timeout: .seconds(30)))
            #expect(stream.response.status == .ok)
            try await writer.application.test(.router) { writerClient in
                let response = try await writerClient.execute(
                    uri: "/ingest/batches", method: .post, headers: .bearer(key), body: jsonBody(demoBatch()))
                #expect(response.status == .created || response.status == .ok)
            }
            // What the spool worker does after a run: annotate the batch it loaded, and announce
            // one whose load was refused (it never got a manifest row).
            let state = try await environment.database.withConnection { connection in
                try await connection.withTenant("t1", role: "zenglow_ingest", logger: logger) { connection in
                    let manifest = try await connection.annotateBatch(
                        tag: "b1", alertReason: "healed_partition", driftJSON: #"{"flagged": false}"#,
                        piiJSON: #"{"emails": 0}"#, logger: logger)
                    #expect(manifest.contains(#""alert_reason": "healed_partition""#))
                    try await connection.announceIngestProblem(
                        tag: "b2", reason: "partition_missing", message: "could not create the partition",
                        logger: logger)
                    let object = try JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any]
                    return object?["state"] as? String
                }
            }
            let frames = await stream.read(for: .seconds(10)) { $0.contains("partition_missing") }
            let manifests = frames.components(separatedBy: "\n\n").filter { $0.contains("event: manifest") }
            let annotated = try #require(manifests.first { $0.contains("healed_partition") }, "frames: \(frames)")
            let refused = try #require(manifests.first { $0.contains("partition_missing") }, "frames: \(frames)")
            func payload(_ frame: String) throws -> [String: Any] {
                let data = try #require(frame.split(separator: "\n").first { $0.hasPrefix("data: ") }?.dropFirst(6))
                return try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
            }
            let loaded = try payload(annotated)
            #expect(loaded["reason"] as? String == "healed_partition")
            #expect(state != nil && loaded["state"] as? String == state, "the event names the batch's current state")
            #expect(loaded["tenant_id"] as? String == "t1")
            let failed = try payload(refused)
            #expect(failed["reason"] as? String == "partition_missing")
            #expect(failed["state"] as? String == "failed")
            #expect(failed["batch_tag"] as? String == "b2")
            #expect(failed["batch_id"] is NSNull)
            #expect(!frames.contains("could not create the partition"), "the message reached the stream: \(frames)")
            // The events before the annotation are the load's own, without a reason.
            #expect(manifests.filter { !$0.contains("reason") }.count >= 1)
        }
    }

    @Test("ChangeEvent reads the reason of a manifest notification, and none when there is none")
    func parsesTheReason() throws {
        let annotated = try #require(
            ChangeEvent(
                kind: .manifest,
                payload: #"{"tenant_id" : "t1", "batch_id" : 4, "state" : "healed", "reason" : "healed_partition"}"#))
        #expect(annotated.reason == "healed_partition")
        #expect(annotated.tenant == "t1")
        let plain = try #require(
            ChangeEvent(kind: .manifest, payload: #"{"tenant_id" : "t1", "batch_id" : 4, "state" : "done"}"#))
        #expect(plain.reason == nil)
        #expect(ChangeEvent(kind: .manifest, payload: #"{"batch_id": 4}"#) == nil)
    }
}

/// A Server-Sent Events response read in bounded spells: the stream itself never ends.
final class EventStream: Sendable {
    let response: HTTPClientResponse
    private let received = Mutex("")

    init(_ response: HTTPClientResponse) {
        self.response = response
    }

    /// Everything the stream has sent so far, reading on until `done` holds or `duration` passes.
    func read(for duration: Duration, until done: @escaping @Sendable (String) -> Bool) async -> String {
        if done(received.withLock { $0 }) { return received.withLock { $0 } }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                do {
                    for try await chunk in response.body {
                        let text = self.received.withLock { text in
                            text += String(buffer: chunk)
                            return text
                        }
                        if done(text) { return }
                    }
                } catch {}
            }
            group.addTask { try? await Task.sleep(for: duration) }
            await group.next()
            group.cancelAll()
        }
        return received.withLock { $0 }
    }
}
