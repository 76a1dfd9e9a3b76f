import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import ZenGlowAPI

@Suite("GET /events")
struct EventsTests {
    @Test("a dashboard's event stream on one instance receives the weight change made on another")
    func relaysChanges() async throws {
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
                return try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            }
            let stream = try await open(key)
            let otherStream = try await open(otherTenant)
            #expect(stream.status == .ok)
            #expect(stream.headers.first(name: "Content-Type") == "text/event-stream")
            try await writer.application.test(.router) { writerClient in
                let put = try await writerClient.execute(
                    uri: "/fusion/weights", method: .put, headers: .bearer(key),
                    body: jsonBody(["weights": ["ltr": 0.4, "vector": 0.6], "reason": "dashboard test"]))
                #expect(put.status == .ok)
            }
            var received = ""
            for try await chunk in stream.body {
                received += String(buffer: chunk)
                if received.contains("event: weights") && received.contains("\n\n") { break }
            }
            #expect(received.contains("event: weights"))
            #expect(received.contains(#""tenant_id" : "t1""#) || received.contains(#""tenant_id":"t1""#))
            // The other tenant's stream got only its greeting: nothing of t1's change.
            var otherReceived = ""
            for try await chunk in otherStream.body {
                otherReceived += String(buffer: chunk)
                if otherReceived.contains("\n\n") { break }
            }
            #expect(otherReceived == ": connected\n\n")
        }
    }
}
