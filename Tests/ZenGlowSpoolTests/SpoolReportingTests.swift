import Foundation
import PostgresNIO
import Testing
import ZenGlowSpool
import ZenGlowTestSupport

@Suite("what a loaded batch leaves behind")
struct SpoolReportingTests {
    typealias Env = SpoolTestEnvironment

    @Test("a batch whose source mix moved past DRIFT_THRESHOLD is flagged in its summary, its manifest and a metric")
    func drift() async throws {
        let spool = try await Env.make()
        try spool.drop(Env.encode(Env.batch(tag: "mix-1", documents: 4, documentSource: "wiki")), as: "mix-1.msgpack")
        _ = try await spool.withRunner { try await $0.run() }
        try spool.drop(Env.encode(Env.batch(tag: "mix-2", documents: 4, documentSource: "crm")), as: "mix-2.msgpack")
        _ = try await spool.withRunner { try await $0.run() }
        let summary = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: "\(spool.configuration.reportDirectory)/t1/mix-2.json")))
        let drift = try #require((summary as? [String: Any])?["drift"] as? [String: Any])
        #expect(drift["flagged"] as? Bool == true)
        #expect(drift["previous_batch_tag"] as? String == "mix-1")
        #expect(drift["max_delta"] as? Double == 1)
        #expect(
            try await spool.count(
                "select count(*)::int from zenglow.batches where batch_tag = 'mix-2' and (drift ->> 'flagged')::boolean"
            )
                == 1)
        #expect(
            try await spool.count(
                "select count(*)::int from zenglow.batches where batch_tag = 'mix-1' and not (drift ->> 'flagged')::boolean"
            )
                == 1)
        #expect(spool.metrics.render().contains("zenglow_ingest_drift_flagged_total 1"))
    }

    @Test("INGEST_PII=redact stores the text with placeholders and counts the findings; reject refuses the batch")
    func pii() async throws {
        var spool = try await Env.make()
        spool.configuration.piiMode = .redact
        try spool.drop(
            Env.encode(Env.batch(tag: "pii-1", chunks: 1, textOnly: true, text: "write to jane.doe@example.com about")),
            as: "pii-1.msgpack")
        _ = try await spool.withRunner { try await $0.run() }
        #expect(try await spool.count("select count(*)::int from zenglow.chunks where body like '%[email]%'") == 1)
        #expect(try await spool.count("select count(*)::int from zenglow.chunks where body like '%jane.doe%'") == 0)
        #expect(
            try await spool.count(
                "select count(*)::int from zenglow.batches where batch_tag = 'pii-1' and (pii ->> 'emails')::int = 1")
                == 1)
        spool.configuration.piiMode = .reject
        try spool.drop(
            Env.encode(Env.batch(tag: "pii-2", chunks: 1, text: "call +44 20 7946 0958 today")), as: "pii-2.msgpack")
        _ = try await spool.withRunner { try await $0.run() }
        let reason = try spool.reason("pii-2.msgpack")
        #expect(reason["reason"] as? String == "pii_rejected")
        #expect((reason["message"] as? String)?.contains("phone") == true)
        #expect((reason["message"] as? String)?.contains("7946") == false, "the reason never repeats the finding")
    }

    @Test("the gate hears other_error when the database is down and partition_missing when a partition cannot be made")
    func gateReasons() async throws {
        var spool = try await Env.make()
        _ = try await spool.dropCurrentPartition(replaceWithTable: true)
        try spool.drop(Env.encode(Env.batch(tag: "gate-blocked")), as: "blocked.msgpack")
        try await GateReceiver.serving { receiver in
            try await spool.withRunner(gate: receiver.url) { runner in
                _ = try await runner.run()
                await runner.gate.flush(within: .seconds(10))
            }
            let done = try JSONDecoder().decode(GateEvent.self, from: try #require(receiver.deliveries.last).body)
            #expect(done.reason == .partitionMissing && done.counts.filesRetried == 1)
        }
        spool.configuration.database.url.port = try await GateReceiver.closedPort()
        spool.configuration.database.url.socketDirectory = nil
        spool.configuration.database.url.host = "127.0.0.1"
        #expect(await eventually(within: .seconds(5)) { SpoolClaimer(directory: spool.directory).ready().count == 1 })
        try await GateReceiver.serving { receiver in
            try await spool.withRunner(gate: receiver.url) { runner in
                _ = try await runner.run()
                await runner.gate.flush(within: .seconds(10))
            }
            let done = try JSONDecoder().decode(GateEvent.self, from: try #require(receiver.deliveries.last).body)
            #expect(done.reason == .otherError)
        }
    }
}
