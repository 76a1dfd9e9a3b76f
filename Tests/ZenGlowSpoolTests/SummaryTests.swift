import Foundation
import Testing
import ZenGlowIngest
import ZenGlowSpool
import ZenGlowTestSupport

@Suite("Ingestion summary JSON")
struct SummaryTests {
    static func summary(
        tenant: String = "t1", tag: String = "b2", bySource: [String: Int] = ["crm": 3, "wiki": 1],
        writtenAt: Date = Date(timeIntervalSince1970: 1_795_000_000.125)
    ) -> IngestSummary {
        IngestSummary(
            runID: "run-7", file: "feed.msgpack.zst", frame: 2, tenant: tenant, batchTag: tag, source: "crm",
            state: "loaded", accepted: 4, rejected: 1, rejectedByReason: ["empty_text": 1], bySource: bySource,
            embedded: 3, resubmitted: false, pii: PIIFindings(emails: 1, phones: 0, apiKeys: 2, tokens: 0),
            piiMode: .redact,
            drift: DriftReport(
                previousBatchTag: "b1", deltas: ["crm": 0.25, "wiki": -0.25], maxDelta: 0.25, threshold: 0.2,
                flagged: true),
            durations: ["decode": 1.5, "pii": 0.25, "embed": 40, "load": 12, "total": 54], writtenAt: writtenAt)
    }

    @Test("a summary is written with snake_case keys and reads back the same")
    func roundTrip() throws {
        let directory = try TemporaryDirectory.make(prefix: "zenglow-summary")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let original = Self.summary()
        let path = try SummaryWriter(directory: directory).write(original)
        #expect(path == "\(directory)/t1/b2.json")

        let data = try #require(FileManager.default.contents(atPath: path))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "run_id", "file", "frame", "tenant", "batch_tag", "source", "state", "accepted", "rejected",
                "rejected_by_reason", "by_source", "embedded", "resubmitted", "pii", "pii_mode", "drift",
                "durations", "written_at",
            ])
        #expect(Set((object["pii"] as? [String: Any])?.keys ?? [:].keys) == ["emails", "phones", "api_keys", "tokens"])
        #expect(
            Set((object["drift"] as? [String: Any])?.keys ?? [:].keys) == [
                "previous_batch_tag", "deltas", "max_delta", "threshold", "flagged",
            ])
        #expect(object["written_at"] as? String == "2026-11-18T11:06:40.125Z")
        #expect(object["pii_mode"] as? String == "redact")

        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            return try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
        }
        #expect(try decoder.decode(IngestSummary.self, from: data) == original)
    }

    @Test("chunks by source count a document's own source, else the batch's")
    func bySource() {
        let batch = IngestBatch(
            tenant: "t1", tag: "b1", source: "crm",
            documents: [
                IngestDocument(id: "a", chunks: [IngestChunk(order: 0, text: "x", embedding: nil)]),
                IngestDocument(
                    id: "b", source: "wiki",
                    chunks: [
                        IngestChunk(order: 0, text: "y", embedding: nil),
                        IngestChunk(order: 1, text: "z", embedding: nil),
                    ]),
            ])
        #expect(IngestSummary.chunksBySource(batch) == ["crm": 1, "wiki": 2])
    }
}
