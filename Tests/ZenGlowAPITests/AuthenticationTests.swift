import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZenGlowKeys
import ZenGlowTestSupport

@testable import ZenGlowAPI

@Suite("API keys and scopes")
struct AuthenticationTests {
    static let query = ByteBuffer(string: #"{"query": "insulin"}"#)

    @Test("no key, a malformed, unknown, revoked or expired key all get the same 401")
    func uniformRefusal() async throws {
        let environment = try await APITestEnvironment.make()
        let revoked = try await environment.key()
        try await environment.revoke(revoked)
        let expired = try await environment.key(expiresIn: 1)
        try await environment.run(
            "update zenglow.api_keys set expires_at = now() - interval '1 second' where expires_at is not null")
        let good = try await environment.key()
        let unknownKey = APIKey.generate()

        let api = try environment.application()
        try await api.application.test(.router) { client in
            let attempts: [(String, HTTPFields)] = [
                ("no key", [.contentType: "application/json"]),
                ("malformed", .bearer("zg_not_a_key")),
                ("wrong checksum", .bearer(String(good.dropLast()) + (good.hasSuffix("0") ? "1" : "0"))),
                ("unknown", .bearer(unknownKey.description)),
                ("revoked", .bearer(revoked)),
                ("expired", .bearer(expired)),
                ("not bearer", [.authorization: "Basic \(good)"]),
            ]
            var bodies = Set<String>()
            for (name, headers) in attempts {
                let response = try await client.execute(
                    uri: "/rag/query", method: .post, headers: headers, body: Self.query)
                #expect(response.status == .unauthorized, "\(name)")
                #expect(response.errorCode == "unauthorized", "\(name)")
                #expect(response.headers[.wwwAuthenticate] == "Bearer", "\(name)")
                bodies.insert(response.text)
            }
            #expect(bodies.count == 1, "every refusal has the same body")
            let accepted = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(good), body: Self.query)
            #expect(accepted.status == .ok)
        }
    }

    @Test("a remembered key is refused as soon as it is revoked, and no later than its expiry")
    func cacheFollowsRevocationAndExpiry() async throws {
        let environment = try await APITestEnvironment.make()
        let revoked = try await environment.key()
        let api = try environment.application()
        try await api.application.test(.router) { client in
            await api.services.listenerStatus.waitForConnection()
            // Made just before its first use (asked first), so that a slow start cannot expire it
            // first. 40 s: a loaded two-core machine has taken over 20 s between making it and
            // answering; still well inside KEY_CACHE_SECONDS (60), which the bound below tells apart.
            let shortLived = try await environment.key(expiresIn: 40)
            for key in [shortLived, revoked] {
                let first = try await client.execute(uri: "/fusion/weights", method: .get, headers: .bearer(key))
                #expect(first.status == .ok)
                #expect(await api.services.keys.principal(for: APIKey(parsing: key)!) != nil, "the check is remembered")
            }
            try await environment.revoke(revoked)
            let refused = try await timeUntil(within: .seconds(2)) {
                let response = try await client.execute(uri: "/fusion/weights", method: .get, headers: .bearer(revoked))
                return response.status == .unauthorized
            }
            #expect(refused != nil, "the revocation reached the cache by NOTIFY")
            let expired = try await timeUntil(within: .seconds(50)) {
                let response = try await client.execute(
                    uri: "/fusion/weights", method: .get, headers: .bearer(shortLived))
                return response.status == .unauthorized
            }
            let took = try #require(expired)
            #expect(took < .seconds(41), "a remembered check ends with the key's expiry (KEY_CACHE_SECONDS is 60)")
        }
    }

    @Test("a key without the route's scope gets 403")
    func scopes() async throws {
        let environment = try await APITestEnvironment.make()
        let queryOnly = try await environment.key(scopes: [.query])
        let ingestOnly = try await environment.key(scopes: [.ingest])
        let api = try environment.application()
        try await api.application.test(.router) { client in
            let put = try await client.execute(
                uri: "/fusion/weights", method: .put, headers: .bearer(queryOnly),
                body: jsonBody(["weights": ["ltr": 0.5, "vector": 0.5], "reason": "try"]))
            #expect(put.status == .forbidden)
            #expect(put.errorCode == "forbidden")
            let ingest = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(queryOnly), body: jsonBody(demoBatch()))
            #expect(ingest.status == .forbidden)
            let query = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(ingestOnly), body: Self.query)
            #expect(query.status == .forbidden)
            let configuration = try await client.execute(uri: "/config/env", method: .get, headers: .bearer(queryOnly))
            #expect(configuration.status == .forbidden)
        }
        #expect(
            try await environment.count("select count(*)::int from zenglow.fusion_weights where tenant_id = 't1'") == 0)
        #expect(try await environment.count("select count(*)::int from zenglow.batches") == 0)
    }

    @Test("the rate limit answers 429 with Retry-After, per key")
    func rateLimit() async throws {
        let environment = try await APITestEnvironment.make()
        let first = try await environment.key()
        let second = try await environment.key()
        // One token per 100 s: however slow a loaded machine answers, the bucket cannot refill in between.
        let api = try environment.application(["RATE_LIMIT_PER_SECOND": "0.01", "RATE_LIMIT_BURST": "2"])
        try await api.application.test(.router) { client in
            for _ in 0..<2 {
                let response = try await client.execute(uri: "/fusion/weights", method: .get, headers: .bearer(first))
                #expect(response.status == .ok)
            }
            let limited = try await client.execute(uri: "/fusion/weights", method: .get, headers: .bearer(first))
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "rate_limited")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            let other = try await client.execute(uri: "/fusion/weights", method: .get, headers: .bearer(second))
            #expect(other.status == .ok, "another key has its own bucket")
        }
    }

    @Test("with keys disabled (dev only) requests act for the demo tenant")
    func keysDisabled() async throws {
        let environment = try await APITestEnvironment.make()
        try await environment.run("select zenglow.create_tenant('demo')")
        let api = try environment.application(["ENABLE_API_KEYS": "false"])
        try await api.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/rag/query", method: .post, headers: [.contentType: "application/json"], body: Self.query)
            #expect(response.status == .ok)
        }
        #expect(throws: ConfigurationError.self) {
            try environment.configuration([
                "ENABLE_API_KEYS": "false", "ZENGLOW_PROFILE": "prod", "REDIS_HOST": "r", "REDIS_PORT": "1",
            ])
        }
    }
}
