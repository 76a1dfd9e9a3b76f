import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZenGlowKeys
import ZenGlowTestSupport

@testable import ZenGlowAPI

@Suite("fusion weights across instances")
struct FusionWeightsTests {
    static let change = jsonBody([
        "weights": ["ltr": 0.7, "vector": 0.3], "reason": "more lexical", "issue_link": "https://example.org/issues/7",
    ])

    /// Waits until `condition` holds, checking every 5 ms, for at most `limit`; returns the time it took.
    @Test("a PUT on one instance writes version + audit row and is served by another by NOTIFY, not the poll")
    func twoInstances() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let first = try environment.application(["WEIGHTS_POLL_SECONDS": "3600"])
        let second = try environment.application(["WEIGHTS_POLL_SECONDS": "3600"])
        try await second.application.test(.router) { secondClient in
            await second.services.listenerStatus.waitForConnection()
            // The second instance caches the old weights first.
            let before = try await secondClient.execute(uri: "/fusion/weights", method: .get, headers: .bearer(key))
            #expect(before.json["scope"] as? String == "global")
            try await first.application.test(.router) { firstClient in
                let put = try await firstClient.execute(
                    uri: "/fusion/weights", method: .put, headers: .bearer(key), body: Self.change)
                #expect(put.status == .ok)
                let version = put.json["version"] as? Int
                // The poll backstop is an hour away: only the notification can make this. The bound
                // is loose because a loaded 2-core CI machine can stall any process for a second.
                let took = try await timeUntil(within: .seconds(2)) {
                    let response = try await secondClient.execute(
                        uri: "/fusion/weights", method: .get, headers: .bearer(key))
                    return response.json["version"] as? Int == version
                }
                #expect(took != nil, "the second instance serves the new version within 2 s")
            }
        }
        #expect(
            try await environment.count(
                """
                select count(*)::int from zenglow_audit.events
                where tenant_id = 't1' and action = 'fusion_weights.activate' and actor like 'api-key:%'
                  and details ->> 'reason' = 'more lexical' and details ->> 'issue_link' = 'https://example.org/issues/7'
                """) == 1)
    }

    @Test("after its LISTEN connection is killed, an instance reconnects and converges")
    func reconnects() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let api = try environment.application(["WEIGHTS_POLL_SECONDS": "3600", "LISTENER_BACKOFF_MAX_MS": "200"])
        try await api.application.test(.router) { client in
            await api.services.listenerStatus.waitForConnection()
            _ = try await client.execute(uri: "/fusion/weights", method: .get, headers: .bearer(key))
            try await environment.run(
                "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'zenglow-listener' and datname = current_database()"
            )
            // A change made while the listener is down reaches it only through the re-read.
            try await environment.run(
                """
                with scope as materialized (select set_config('zenglow.tenant_id', 't1', true))
                select zenglow_api.set_fusion_weights('{"ltr": 0.2, "vector": 0.8}', 'while down', 'test') from scope
                """)
            await api.services.listenerStatus.waitForConnection(after: 1)
            let took = try await timeUntil(within: .seconds(5)) {
                let response = try await client.execute(uri: "/fusion/weights", method: .get, headers: .bearer(key))
                return (response.json["weights"] as? [String: Any])?["ltr"] as? Double == 0.2
            }
            #expect(took != nil)
        }
    }

    @Test("invalid weights are refused with the database's reason and write nothing")
    func invalid() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let api = try environment.application()
        try await api.application.test(.router) { client in
            let negative = try await client.execute(
                uri: "/fusion/weights", method: .put, headers: .bearer(key),
                body: jsonBody(["weights": ["ltr": -1, "vector": 0.5], "reason": "x"]))
            #expect(negative.status == .unprocessableContent)
            #expect(negative.errorCode == "invalid_weights")
            let noReason = try await client.execute(
                uri: "/fusion/weights", method: .put, headers: .bearer(key),
                body: jsonBody(["weights": ["ltr": 0.5, "vector": 0.5]]))
            #expect(noReason.status == .badRequest)
        }
        #expect(
            try await environment.count("select count(*)::int from zenglow.fusion_weights where tenant_id = 't1'") == 0)
    }
}
