import Tracing

/// The trace and span id of the span active in the current task, read through the W3C
/// `traceparent` the bootstrapped tracer would send (so the API needs no tracer of its own: with
/// tracing off, the no-op tracer injects nothing and there is no identity).
public struct TraceIdentity: Sendable, Equatable {
    /// 32 lowercase hex digits.
    public let traceID: String
    /// 16 lowercase hex digits.
    public let spanID: String

    /// The active span's identity, or nil outside a span or with tracing off.
    public static var current: TraceIdentity? {
        guard let context = ServiceContext.current else { return nil }
        var headers: [String: String] = [:]
        InstrumentationSystem.instrument.inject(context, into: &headers, using: DictionaryInjector())
        return headers["traceparent"].flatMap(TraceIdentity.init(traceparent:))
    }

    /// Parses `version-traceid-spanid-flags`; nil for anything else.
    init?(traceparent: String) {
        let parts = traceparent.split(separator: "-")
        guard parts.count == 4, parts[1].count == 32, parts[2].count == 16 else { return nil }
        traceID = String(parts[1])
        spanID = String(parts[2])
    }

    /// What a tenant transaction appends to `application_name`: the trace id first, so that the
    /// 63 bytes PostgreSQL keeps hold all of it (`zenglow-api trace=<32> <request id…>`).
    static func databaseLabel(requestID: String) -> String {
        guard let current else { return requestID }
        return "trace=\(current.traceID) \(requestID)"
    }
}

private struct DictionaryInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) {
        carrier[key] = value
    }
}
