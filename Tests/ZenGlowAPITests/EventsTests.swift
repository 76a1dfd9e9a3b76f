import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing
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
