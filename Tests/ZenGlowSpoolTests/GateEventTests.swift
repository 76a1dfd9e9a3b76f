import Foundation
import Testing
import ZenGlowSpool

@Suite("Gate payloads and run reasons")
struct GateEventTests {
    static func json(_ event: GateEvent) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: event.jsonBody()) as? [String: Any])
    }

    @Test("gate.open carries every key, snake_case, with reason and finished_at null")
    func openPayload() throws {
        let open = GateEvent(
            event: .open, runID: "run-7", files: ["x.msgpack"], batchTags: ["t1-b1"], counts: GateCounts(files: 1),
            startedAt: Date(timeIntervalSince1970: 1_760_000_000.25))
        let object = try Self.json(open)
        #expect(
            object.keys.sorted() == [
                "batch_tags", "counts", "event", "files", "finished_at", "reason", "run_id", "started_at",
            ])
        #expect(object["event"] as? String == "gate.open")
        #expect(object["run_id"] as? String == "run-7")
        #expect(object["reason"] is NSNull)
        #expect(object["finished_at"] is NSNull)
        #expect(object["started_at"] as? String == "2025-10-09T08:53:20.250Z")
        let counts = try #require(object["counts"] as? [String: Int])
        #expect(
            counts == [
                "files": 1, "batches": 0, "chunks_accepted": 0, "chunks_rejected": 0, "embedded": 0,
                "files_failed": 0, "files_retried": 0,
            ])
    }

    @Test("gate.done carries its reason and finish time, reads back equal, and encodes to the same bytes every time")
    func donePayload() throws {
        let done = GateEvent(
            event: .done, runID: "run-7", files: ["x.msgpack"], batchTags: ["t1-b1"],
            counts: GateCounts(files: 1, batches: 1, chunksAccepted: 3, chunksRejected: 1, filesFailed: 1),
            reason: .partitionMissing, startedAt: Date(timeIntervalSince1970: 1_760_000_000),
            finishedAt: Date(timeIntervalSince1970: 1_760_000_002))
        let object = try Self.json(done)
        #expect(object["reason"] as? String == "partition_missing")
        #expect(object["finished_at"] as? String == "2025-10-09T08:53:22.000Z")
        #expect(try JSONDecoder().decode(GateEvent.self, from: done.jsonBody()) == done)
        #expect(try done.jsonBody() == done.jsonBody())
    }

    @Test("every reason has the wire name the docs list")
    func reasonNames() {
        #expect(
            SpoolReason.allCases.map(\.rawValue).sorted() == [
                "failed", "healed_partition", "other_error", "partition_missing", "success",
            ])
    }

    @Test("a run's reason is the most severe: failed > partition_missing > other_error > healed_partition > success")
    func reasonPrecedence() {
        let order: [SpoolReason] = [.success, .healedPartition, .otherError, .partitionMissing, .failed]
        for (lower, reason) in order.enumerated() {
            for higher in order[lower...] {
                #expect(reason.worst(higher) == higher)
                #expect(higher.worst(reason) == higher)
            }
        }
        #expect([.healedPartition, .failed, .otherError].reduce(SpoolReason.success) { $0.worst($1) } == .failed)
    }
}
