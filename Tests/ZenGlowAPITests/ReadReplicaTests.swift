import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZenGlowDB
import ZenGlowTestSupport

@testable import ZenGlowAPI

/// `DATABASE_READ_URL`: `POST /rag/query` on a real streaming replica of the test cluster
/// (`pg_basebackup -R`), the commit LSN of a batch and a query's `min_lsn`, and the fallback to
/// the primary when the replica lags or goes away. Each test has a replica of its own.
@Suite("Reads on a streaming replica", .serialized)
struct ReadReplicaTests {
    /// A batch of one document, `quasar`, on axis 5.
    static var quasarBatch: [String: Any] {
        [
            "batch_tag": "b2", "source": "test",
            "documents": [
                [
                    "id": "quasar", "title": "Quasars",
                    "chunks": [["text": "A quasar is a luminous galactic nucleus.", "embedding": axisEmbedding(5)]],
                ]
            ],
        ]
    }

    static func query(_ text: String, axis: Int, minLSN: String? = nil) -> ByteBuffer {
        var body: [String: Any] = ["query": text, "embedding": axisEmbedding(axis), "top_k": 5]
        body["min_lsn"] = minLSN
        return jsonBody(body)
    }

    static func documents(_ response: TestResponse) -> [String] {
        (response.json["results"] as? [[String: Any]] ?? []).compactMap { $0["document_id"] as? String }
    }

    @Test("a batch's commit_lsn as min_lsn: the query reads on the replica and sees the new chunk")
    func readsOnReplicaAfterCommit() async throws {
        let environment = try await APITestEnvironment.make()
        let replica = try await TestReplica()
        defer { replica.shutdown() }
        let key = try await environment.key()
        // A generous bound: this test's claim is where the answer comes from, not how fast.
        let api = try environment.application([
            "DATABASE_READ_URL": replica.url(environment.database.name), "READ_LSN_WAIT_MS": "10000",
        ])
        try await api.application.test(.router) { client in
            let load = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key), body: jsonBody(demoBatch()))
            #expect(load.status == .created)
            let lsn = try #require(load.json["commit_lsn"] as? String)
            #expect(WALPosition(lsn) != nil, "commit_lsn \(lsn) is a WAL position")
            let manifest = try await client.execute(uri: "/ingest/batches/b1", method: .get, headers: .bearer(key))
            let manifestLSN = try #require((manifest.json["commit_lsn"] as? String).flatMap { WALPosition($0) })
            #expect(manifestLSN >= WALPosition(lsn)!, "the manifest's LSN is at or past the load's")

            let answer = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key),
                body: Self.query("insulin glucose", axis: 1, minLSN: lsn))
            #expect(answer.status == .ok)
            #expect(answer.json["read_from"] as? String == "replica")
            #expect(Self.documents(answer).first == "insulin")
            #expect(api.services.metrics.samples()["zenglow_reads_total{server=\"replica\"}"] ?? 0 >= 1)

            let bad = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key),
                body: Self.query("insulin", axis: 1, minLSN: "not-an-lsn"))
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "invalid_request")
        }
    }

    @Test(
        "replay paused: a query without min_lsn answers from the replica's older state; with min_lsn it waits READ_LSN_WAIT_MS, then reads on the primary"
    )
    func lagFallsBackAfterBoundedWait() async throws {
        let environment = try await APITestEnvironment.make()
        let replica = try await TestReplica()
        defer { replica.shutdown() }
        let key = try await environment.key()
        let api = try environment.application([
            "DATABASE_READ_URL": replica.url(environment.database.name), "READ_LSN_WAIT_MS": "300",
            "CACHE_ENABLED": "false",
        ])
        try await api.application.test(.router) { client in
            let first = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key), body: jsonBody(demoBatch()))
            let firstLSN = try #require((first.json["commit_lsn"] as? String).flatMap { WALPosition($0) })
            #expect(try await eventually(within: .seconds(30)) { try await replica.hasReplayed(firstLSN) })
            try await replica.pauseReplay()
            defer { Task { try? await replica.resumeReplay() } }

            let second = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key), body: jsonBody(Self.quasarBatch))
            #expect(second.status == .created)
            let lsn = try #require(second.json["commit_lsn"] as? String)

            // Without min_lsn the replica answers as it is: without the batch it has not replayed.
            // That the primary has it proves the answer came from the replica.
            let stale = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key), body: Self.query("quasar", axis: 5))
            #expect(stale.status == .ok)
            #expect(stale.json["read_from"] as? String == "replica")
            #expect(!Self.documents(stale).contains("quasar"), "the paused replica has not replayed batch b2")
            #expect(
                try await environment.count("select count(*)::int from zenglow.chunks where document_id = 'quasar'")
                    == 1)

            let started = ContinuousClock.now
            let fresh = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key),
                body: Self.query("quasar", axis: 5, minLSN: lsn))
            let waited = ContinuousClock.now - started
            #expect(fresh.status == .ok)
            #expect(fresh.json["read_from"] as? String == "primary")
            #expect(Self.documents(fresh).first == "quasar")
            #expect(waited >= .milliseconds(300), "waited \(waited) for the replica first")
            #expect(api.services.metrics.samples()["zenglow_read_replica_fallbacks_total{reason=\"lag\"}"] == 1)
        }
    }

    @Test(
        "a replica that goes away: 200 from the primary, the circuit skips it meanwhile, and it is read again once back"
    )
    func replicaDownFallsBack() async throws {
        let environment = try await APITestEnvironment.make()
        let replica = try await TestReplica()
        defer { replica.shutdown() }
        let key = try await environment.key()
        let api = try environment.application([
            "DATABASE_READ_URL": replica.url(environment.database.name), "READ_REPLICA_RETRY_MS": "300",
            "READ_REPLICA_RETRY_MAX_MS": "600", "READ_CONNECT_TIMEOUT_MS": "1000", "CACHE_ENABLED": "false",
        ])
        try await api.application.test(.router) { client in
            let load = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key), body: jsonBody(demoBatch()))
            let lsn = try #require(load.json["commit_lsn"] as? String)
            let before = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key),
                body: Self.query("insulin", axis: 1, minLSN: lsn))
            #expect(before.json["read_from"] as? String == "replica")

            try replica.stop()
            let during = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key), body: Self.query("insulin", axis: 1))
            #expect(during.status == .ok)
            #expect(during.json["read_from"] as? String == "primary")
            #expect(Self.documents(during).first == "insulin")
            let skipped = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key), body: Self.query("insulin", axis: 1))
            #expect(skipped.status == .ok)
            #expect(skipped.json["read_from"] as? String == "primary")
            let samples = api.services.metrics.samples()
            #expect(samples["zenglow_read_replica_fallbacks_total{reason=\"unreachable\"}"] ?? 0 >= 1)
            #expect(samples["zenglow_read_replica_up"] == 0)

            let ready = try await client.execute(uri: "/health/ready", method: .get)
            let check = (ready.json["checks"] as? [[String: Any]])?.first { $0["name"] as? String == "read_replica" }
            #expect(check?["ok"] as? Bool == false, "\(ready.text)")

            try await replica.start()
            let back = try await eventually(within: .seconds(20), every: .milliseconds(200)) {
                let response = try await client.execute(
                    uri: "/rag/query", method: .post, headers: .bearer(key), body: Self.query("insulin", axis: 1))
                return response.status == .ok && response.json["read_from"] as? String == "replica"
            }
            #expect(back, "reads return to the replica once it is back")
            let readyAgain = try await client.execute(uri: "/health/ready", method: .get)
            let checkAgain = (readyAgain.json["checks"] as? [[String: Any]])?.first {
                $0["name"] as? String == "read_replica"
            }
            #expect(checkAgain?["ok"] as? Bool == true, "\(readyAgain.text)")
        }
    }
}
