import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZenGlowTestSupport

@testable import ZenGlowAPI

/// The API through a real PgBouncer in transaction pooling mode (Debian's `pgbouncer`): every
/// request's session state is transaction-local, so tenants whose transactions share a handful
/// of server connections never see each other's rows, and LISTEN runs on the primary directly.
@Suite("Through PgBouncer (transaction pooling)", .serialized)
struct PgBouncerTests {
    static var nebulaBatch: [String: Any] {
        [
            "batch_tag": "n1", "source": "test",
            "documents": [
                [
                    "id": "nebula", "title": "Nebulae",
                    "chunks": [
                        ["text": "Insulin-shaped nebula of glucose gas clouds.", "embedding": axisEmbedding(1)]
                    ],
                ]
            ],
        ]
    }

    @Test("rag_query, weights, ingest and keys from two tenants at once: each sees only its own")
    func tenantsStayApart() async throws {
        let environment = try await APITestEnvironment.make()
        let bouncer = try await TestPgBouncer(poolSize: 2)
        defer { bouncer.shutdown() }
        let database = environment.database
        let direct =
            "postgresql://postgres@/\(database.name)?host=\(database.cluster.socketDirectory)&port=\(database.cluster.settings.port)"
        let api = try environment.application([
            "DATABASE_URL": bouncer.url(database.name), "DATABASE_LISTEN_URL": direct, "DATABASE_POOL_SIZE": "8",
            "CACHE_ENABLED": "false", "RATE_LIMIT_PER_SECOND": "0",
        ])
        let keys = ["t1": try await environment.key(tenant: "t1"), "t2": try await environment.key(tenant: "t2")]
        let own = ["t1": Set(["insulin", "photon", "enzyme"]), "t2": Set(["nebula"])]
        try await api.application.test(.router) { client in
            // Ingest from both tenants at once; t2's only document also answers "insulin glucose".
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                group.addTask {
                    try await client.execute(
                        uri: "/ingest/batches", method: .post, headers: .bearer(keys["t1"]!),
                        body: jsonBody(demoBatch())
                    ).status
                }
                group.addTask {
                    try await client.execute(
                        uri: "/ingest/batches", method: .post, headers: .bearer(keys["t2"]!),
                        body: jsonBody(Self.nebulaBatch)
                    ).status
                }
                for try await status in group { #expect(status == .created) }
            }

            // 24 concurrent requests, queries and weight changes of both tenants interleaved, over
            // 2 server connections.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<12 {
                    let tenant = round % 2 == 0 ? "t1" : "t2"
                    let key = keys[tenant]!
                    group.addTask {
                        let answer = try await client.execute(
                            uri: "/rag/query", method: .post, headers: .bearer(key),
                            body: jsonBody(["query": "insulin glucose", "embedding": axisEmbedding(1), "top_k": 10]))
                        #expect(answer.status == .ok, "\(answer.text)")
                        let documents = Set(
                            (answer.json["results"] as? [[String: Any]] ?? []).compactMap {
                                $0["document_id"] as? String
                            })
                        #expect(!documents.isEmpty)
                        #expect(documents.isSubset(of: own[tenant]!), "\(tenant) saw \(documents)")
                    }
                    group.addTask {
                        let ltr = tenant == "t1" ? 0.8 : 0.1
                        let put = try await client.execute(
                            uri: "/fusion/weights", method: .put, headers: .bearer(key),
                            body: jsonBody(["weights": ["ltr": ltr, "vector": 1 - ltr], "reason": "round \(round)"]))
                        #expect(put.status == .ok, "\(put.text)")
                    }
                }
                try await group.waitForAll()
            }
            for (tenant, ltr) in [("t1", 0.8), ("t2", 0.1)] {
                let weights = try await client.execute(
                    uri: "/fusion/weights", method: .get, headers: .bearer(keys[tenant]!))
                #expect((weights.json["weights"] as? [String: Any])?["ltr"] as? Double == ltr, "\(weights.text)")
            }
            let ready = try await client.execute(uri: "/health/ready", method: .get)
            let listener = (ready.json["checks"] as? [[String: Any]])?.first { $0["name"] as? String == "listener" }
            #expect(listener?["ok"] as? Bool == true, "LISTEN runs on DATABASE_LISTEN_URL: \(ready.text)")
        }
        // The API's pool of 8 went through 2 server connections: transaction pooling did happen.
        let servers = try await environment.count(
            "select count(*)::int from pg_stat_activity where datname = current_database() and usename = 'zenglow_app'")
        #expect((1...2).contains(servers), "server connections of zenglow_app: \(servers)\n\(bouncer.log)")
        #expect(try await environment.count("select count(*)::int from zenglow.chunks where tenant_id = 't2'") == 1)
    }
}
