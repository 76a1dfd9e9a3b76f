import Tracing
import ZenGlowDB

extension RagQueryController {
    /// Runs the rag_query SQL call in a `sql.rag_query` client span and gives it one child span per
    /// stage of the answer's timing block (`rag_query.lexical` … `rag_query.fusion`), with the
    /// durations the database measured. Attributes name the tenant, mode and result count; the
    /// query text only when `queryText` is given (LOG_QUERY_TEXT=true, already scrubbed). Without
    /// a bootstrapped tracer every span is a no-op.
    static func tracingSQLCall(
        tenant: String, mode: String, queryText: String?, _ call: () async throws -> RagQueryAnswer
    ) async throws -> RagQueryAnswer {
        let started = DefaultTracerClock.now
        let span = startSpan("sql.rag_query", ofKind: .client, at: started)
        span.attributes["db.system"] = "postgresql"
        span.attributes["zg.tenant"] = tenant
        span.attributes["zg.mode"] = mode
        if let queryText { span.attributes["zg.query.text"] = queryText }
        let answer: RagQueryAnswer
        do {
            answer = try await ServiceContext.withValue(span.context) { try await call() }
        } catch {
            span.recordError(error)
            span.setStatus(SpanStatus(code: .error))
            span.end()
            throw error
        }
        let ended = DefaultTracerClock.now
        if let count = answer.resultCount {
            span.attributes["zg.result_count"] = count
        }
        for stage in answer.timing?.stageIntervals(
            from: started.nanosecondsSinceEpoch, to: ended.nanosecondsSinceEpoch) ?? []
        {
            let child = startSpan(
                "rag_query.\(stage.stage.rawValue)", context: span.context,
                at: DefaultTracerClock.Instant(nanosecondsSinceEpoch: stage.start))
            child.end(at: DefaultTracerClock.Instant(nanosecondsSinceEpoch: stage.end))
        }
        span.end(at: ended)
        return answer
    }
}

extension RagQueryTiming {
    /// One stage laid out on the API's clock, in nanoseconds since the epoch.
    struct StageInterval: Equatable {
        let stage: Stage
        let start: UInt64
        let end: UInt64
    }

    /// The stages laid end to end inside a call seen from `start` to `end` (the API's clock; the
    /// database's is not comparable): each lasts exactly what rag_query measured. The first
    /// begins after what preceded it in the function (prepare, plan), moved earlier when the
    /// stages would otherwise end after the call did (the call's own network time is unknown).
    func stageIntervals(from start: UInt64, to end: UInt64) -> [StageInterval] {
        func nanoseconds(_ milliseconds: Double) -> UInt64 { UInt64(max(0, milliseconds * 1e6).rounded()) }
        let durations = Stage.allCases.map { ($0, nanoseconds(self[$0])) }
        let stages = durations.reduce(0) { $0 + $1.1 }
        let room = end > start ? end - start : 0
        let lead = min(nanoseconds(prepareMilliseconds + planMilliseconds), room > stages ? room - stages : 0)
        var at = start + lead
        return durations.map { stage, duration in
            defer { at += duration }
            return StageInterval(stage: stage, start: at, end: at + duration)
        }
    }
}
