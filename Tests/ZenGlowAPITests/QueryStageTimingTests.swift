import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZenGlowDB
import ZenGlowTestSupport

@testable import ZenGlowAPI

@Suite("rag_query's stage timings in the answer, the stage histogram and query_performance")
struct QueryStageTimingTests {
    static let stages = ["lexical", "vector", "features", "ltr", "fusion"]

    /// `name{labels}` → value of every sample in a Prometheus text exposition.
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    static func stageCount(_ samples: [String: Double], _ stage: String) -> Double? {
        samples[#"zenglow_query_stage_duration_seconds_count{stage="\#(stage)"}"#]
    }

    @Test(
        "a miss reports its timing block, records the five stages once and fills features_ms, ltr_ms, fusion_ms; a hit replays the block and records none"
    )
    func missAndHit() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let api = try environment.application()
        let question = jsonBody(["query": "insulin glucose", "embedding": axisEmbedding(1), "mode": "fusion"])
        let (miss, hit, metrics) = try await api.application.test(.router) { client in
            let ingest = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key), body: jsonBody(demoBatch()))
            #expect(ingest.status == .created, "\(ingest.text)")
            let miss = try await client.execute(
                uri: "/rag/query", method: .post, headers: QueryRecordTests.query(key, id: "miss"), body: question)
            let hit = try await client.execute(
                uri: "/rag/query", method: .post, headers: QueryRecordTests.query(key, id: "hit"), body: question)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            return (miss.json, hit.json, Self.samples(metrics.text))
        }
        #expect(miss["cache"] as? String == "miss")
        #expect(hit["cache"] as? String == "hit")

        let timing = try #require(miss["timing"] as? [String: Double], "the answer has a timing block: \(miss)")
        let keys = ["prepare_ms", "plan_ms"] + Self.stages.map { $0 + "_ms" } + ["total_ms"]
        #expect(Set(timing.keys) == Set(keys))
        #expect(timing.values.allSatisfy { $0 >= 0 }, "\(timing)")
        let steps = keys.dropLast().reduce(0) { $0 + (timing[$1] ?? 0) }
        #expect(steps <= (timing["total_ms"] ?? 0) + 1e-6, "the steps fit in the total: \(timing)")
        #expect(hit["timing"] as? [String: Double] == timing, "a hit replays the stored answer's timing block")

        for stage in Self.stages {
            #expect(Self.stageCount(metrics, stage) == 1, "\(stage): one observation, from the miss only")
        }
        #expect(Self.stageCount(metrics, "retrieve") == 1)
        let sum = metrics[#"zenglow_query_stage_duration_seconds_sum{stage="fusion"}"#] ?? -1
        #expect(abs(sum - (timing["fusion_ms"] ?? 0) / 1000) < 1e-6, "the fusion histogram holds the block's fusion_ms")

        let rows = try await QueryRecordTests.records(environment, count: 2)
        let missRow = try #require(rows["miss"])
        for column in ["features_ms", "ltr_ms", "fusion_ms"] {
            let recorded = try #require(missRow[column] as? Double, "miss: \(column) recorded: \(missRow)")
            #expect(abs(recorded - (timing[column] ?? -1)) < 1e-6, "miss: \(column) is the block's")
            #expect(rows["hit"]?[column] is NSNull, "hit: no \(column) of its own")
        }
        #expect(missRow["retrieve_ms"] is Double, "retrieve_ms stays the API's time around the call")
    }

    @Test("the stage spans are laid end to end inside the SQL call's span, each as long as rag_query measured")
    func stageIntervals() {
        let timing = RagQueryTiming(
            prepareMilliseconds: 2, planMilliseconds: 1,
            stageMilliseconds: [.lexical: 4, .vector: 3, .features: 0.5, .ltr: 0.25, .fusion: 1.25],
            totalMilliseconds: 12.5)
        let start: UInt64 = 1_000_000_000
        let intervals = timing.stageIntervals(from: start, to: start + 20_000_000)
        #expect(intervals.map(\.stage) == RagQueryTiming.Stage.allCases)
        #expect(intervals.map { $0.end - $0.start } == [4_000_000, 3_000_000, 500_000, 250_000, 1_250_000])
        #expect(intervals.first?.start == start + 3_000_000, "after prepare and plan")
        #expect(zip(intervals, intervals.dropFirst()).allSatisfy { $0.end == $1.start }, "no gaps, no overlaps")

        // A call seen shorter than prepare + plan + stages: the stages move earlier to end with it.
        let tight = timing.stageIntervals(from: start, to: start + 10_000_000)
        #expect(tight.first?.start == start + 1_000_000)
        #expect(tight.last?.end == start + 10_000_000)
    }
}
