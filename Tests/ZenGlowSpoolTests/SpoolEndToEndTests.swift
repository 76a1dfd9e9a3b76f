import Foundation
import PostgresNIO
import Testing
import ZenGlowIngest
import ZenGlowSpool
import ZenGlowTestSupport

@Suite("the spool, end to end")
struct SpoolEndToEndTests {
    @Test("files of every format in incoming/: gate.open, rows searchable through rag_query, gate.done success")
    func endToEnd() async throws {
        let spool = try await SpoolTestEnvironment.make()
        try spool.drop(
            SpoolTestEnvironment.encode(SpoolTestEnvironment.batch(tag: "e2e-vectors", text: "aurora borealis")),
            as: "a.msgpack")
        try spool.drop(
            SpoolTestEnvironment.encode(
                SpoolTestEnvironment.batch(tag: "e2e-text", textOnly: true, text: "glacier meltwater")),
            as: "b.msgpack")
        try spool.drop(
            Zstd.compress(
                SpoolTestEnvironment.encode(SpoolTestEnvironment.batch(tag: "e2e-zstd", text: "volcanic basalt"))),
            as: "c.msgpack.zst")
        try spool.drop(
            SpoolTestEnvironment.segment([
                SpoolTestEnvironment.batch(tag: "e2e-seg-1", text: "tidal estuary"),
                SpoolTestEnvironment.batch(tenant: "t2", tag: "e2e-seg-2", textOnly: true, text: "desert dunes"),
            ]), as: "d.segment")
        try await GateReceiver.serving { receiver in
            let report = try await spool.withRunner(gate: receiver.url) { runner in
                let report = try #require(try await runner.run())
                await runner.gate.flush(within: .seconds(10))
                return report
            }
            #expect(report.reason == .success)
            #expect(report.files.map(\.disposition) == [.archived, .archived, .archived, .archived])
            let events = try receiver.deliveries.map { try JSONDecoder().decode(GateEvent.self, from: $0.body) }
            #expect(events.map(\.event) == [.open, .done])
            #expect(events.first?.files.sorted() == ["a.msgpack", "b.msgpack", "c.msgpack.zst", "d.segment"])
            #expect(events.last?.reason == .success)
            #expect(events.last?.counts.batches == 5)
            #expect(events.last?.counts.embedded == 4)
            #expect(
                Set(events.last?.batchTags ?? []) == ["e2e-vectors", "e2e-text", "e2e-zstd", "e2e-seg-1", "e2e-seg-2"])
            let signature = try #require(receiver.deliveries.last?.header("X-ZenGlow-Signature"))
            #expect(GateSignature.verify(body: receiver.deliveries.last!.body, header: signature, token: "gate-secret"))
        }
        #expect(spool.names(in: .archive) == ["a.msgpack", "b.msgpack", "c.msgpack.zst", "d.segment"])
        #expect(spool.names(in: .incoming).isEmpty && spool.names(in: .processing).isEmpty)
        #expect(try await spool.chunks(tenant: "t1") == 8)
        #expect(try await spool.chunks(tenant: "t2") == 2)
        for (text, tenant) in [
            ("aurora", "t1"), ("glacier", "t1"), ("basalt", "t1"), ("estuary", "t1"), ("dunes", "t2"),
        ] {
            let answer = try await spool.search(text, tenant: tenant)
            #expect(answer.contains("\(text)"), "\(text) is searchable for \(tenant)")
        }
        // Rows never land in a tenant the file does not name.
        #expect(!(try await spool.search("dunes", tenant: "t1")).contains("desert dunes"))
        // One summary per batch, with the worker's embedding count.
        let summary = try Data(
            contentsOf: URL(fileURLWithPath: "\(spool.configuration.reportDirectory)/t1/e2e-text.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: summary) as? [String: Any])
        #expect(json["embedded"] as? Int == 2 && json["accepted"] as? Int == 2)
    }

    @Test("a missing partition heals: healed_partition, a failure-log line, an audit event and the alert counter")
    func healedPartition() async throws {
        let spool = try await SpoolTestEnvironment.make()
        _ = try await spool.dropCurrentPartition()
        try spool.drop(SpoolTestEnvironment.encode(SpoolTestEnvironment.batch(tag: "heal-1")), as: "heal.msgpack")
        try await GateReceiver.serving { receiver in
            let report = try await spool.withRunner(gate: receiver.url) { runner in
                let report = try #require(try await runner.run())
                await runner.gate.flush(within: .seconds(10))
                return report
            }
            #expect(report.reason == .healedPartition)
            #expect(report.files.first?.batches.first?.result.state == "healed")
            let done = try JSONDecoder().decode(GateEvent.self, from: try #require(receiver.deliveries.last).body)
            #expect(done.event == .done && done.reason == .healedPartition)
        }
        #expect(spool.names(in: .archive) == ["heal.msgpack"])
        let log = try String(contentsOfFile: spool.configuration.failureLog, encoding: .utf8)
        #expect(log.contains("\"healed\":true") && log.contains("heal-1") && log.contains("healed_partition"))
        #expect(
            try await spool.count(
                "select count(*)::int from zenglow_audit.events where action = 'ingest.healed' and subject = 'heal-1'")
                == 1)
        #expect(spool.metrics.render().contains("zenglow_ingest_alerts_total{reason=\"healed_partition\"} 1"))
        #expect(
            try await spool.count(
                "select count(*)::int from zenglow.batches where batch_tag = 'heal-1' and alert_reason = 'healed_partition'"
            )
                == 1)
    }

    @Test("a persistent failure: failed/ with its reason file, a failure-log line, an audit event, the alert counter")
    func persistentFailure() async throws {
        let spool = try await SpoolTestEnvironment.make()
        try spool.drop(
            SpoolTestEnvironment.encode(SpoolTestEnvironment.batch(tenant: "nobody", tag: "lost-1")), as: "lost.msgpack"
        )
        try spool.drop(SpoolTestEnvironment.encode(SpoolTestEnvironment.batch(tag: "fine-1")), as: "fine.msgpack")
        try await GateReceiver.serving { receiver in
            let report = try await spool.withRunner(gate: receiver.url) { runner in
                let report = try #require(try await runner.run())
                await runner.gate.flush(within: .seconds(10))
                return report
            }
            #expect(report.reason == .failed)
            let done = try JSONDecoder().decode(GateEvent.self, from: try #require(receiver.deliveries.last).body)
            #expect(done.reason == .failed && done.counts.filesFailed == 1)
        }
        #expect(spool.names(in: .failed) == ["lost.msgpack", "lost.msgpack.reason.json"])
        #expect(spool.names(in: .archive) == ["fine.msgpack"])
        let reason = try spool.reason("lost.msgpack")
        #expect(reason["reason"] as? String == "unknown_tenant")
        #expect(reason["file"] as? String == "lost.msgpack")
        #expect(reason["attempts"] as? Int == 1)
        #expect((reason["message"] as? String)?.contains("nobody") == true)
        let log = try String(contentsOfFile: spool.configuration.failureLog, encoding: .utf8)
        #expect(log.contains("\"reason\":\"unknown_tenant\"") && log.contains("\"healed\":false"))
        #expect(
            try await spool.count(
                "select count(*)::int from zenglow_audit.events where action = 'ingest.failed' and subject = 'lost-1'")
                == 1)
        #expect(spool.metrics.render().contains("zenglow_ingest_alerts_total{reason=\"failed\"} 1"))
        #expect(try await spool.chunks(tenant: "t1") == 2)
    }

    @Test(
        "a partition that cannot be made: the file is put back (partition_missing), then loads once the cause is gone")
    func partitionMissing() async throws {
        let spool = try await SpoolTestEnvironment.make()
        let partition = try await spool.dropCurrentPartition(replaceWithTable: true)
        try spool.drop(SpoolTestEnvironment.encode(SpoolTestEnvironment.batch(tag: "blocked-1")), as: "blocked.msgpack")
        try await spool.withRunner { runner in
            let first = try #require(try await runner.run())
            #expect(first.reason == .partitionMissing)
            #expect(first.files.first?.disposition == .retried)
            #expect(spool.names(in: .incoming) == ["blocked.msgpack"])
            #expect(
                AttemptLedger(directory: spool.directory.stateDirectory).entry("blocked.msgpack")?.lastReason
                    == "partition_missing")
            try await spool.database.withConnection { connection in
                try await connection.execute(
                    PostgresQuery(unsafeSQL: "drop table zenglow.\"\(partition)\""), logger: SpoolTestEnvironment.logger
                )
            }
            #expect(await eventually(within: .seconds(5)) { runner.ready().count == 1 })
            let second = try #require(try await runner.run())
            #expect(second.reason == .healedPartition)
            #expect(spool.names(in: .archive) == ["blocked.msgpack"])
        }
        #expect(try await spool.chunks(tenant: "t1") == 2)
    }

    @Test(
        "the database down: the file goes back with its attempt count and backs off, and its last attempt sends it to failed/"
    )
    func databaseDown() async throws {
        var spool = try await SpoolTestEnvironment.make()
        spool.configuration.maxAttempts = 3
        var unreachable = spool.configuration.database
        unreachable.url.port = try await GateReceiver.closedPort()
        unreachable.url.socketDirectory = nil
        unreachable.url.host = "127.0.0.1"
        spool.configuration.database = unreachable
        try spool.drop(SpoolTestEnvironment.encode(SpoolTestEnvironment.batch(tag: "down-1")), as: "down.msgpack")
        try await spool.withRunner { runner in
            for attempt in 1...2 {
                #expect(await eventually(within: .seconds(5)) { runner.ready().count == 1 })
                let report = try #require(try await runner.run())
                #expect(report.reason == .otherError)
                #expect(report.files.first?.disposition == .retried)
                #expect(report.files.first?.attempt == attempt)
            }
            #expect(await eventually(within: .seconds(5)) { runner.ready().count == 1 })
            let last = try #require(try await runner.run())
            #expect(last.files.first?.disposition == .failed)
        }
        let reason = try spool.reason("down.msgpack")
        #expect(reason["reason"] as? String == "database", "the transient failure itself is the reason")
        #expect(reason["attempts"] as? Int == 3)
        #expect((reason["message"] as? String)?.contains("after 3 attempts, SPOOL_MAX_ATTEMPTS=3") == true)
        #expect(AttemptLedger(directory: spool.directory.stateDirectory).entry("down.msgpack") == nil)
    }
}
