import Foundation

/// One span as an OTLP exporter sent it, flattened: which service, its ids as lowercase hex, its
/// name, kind and attributes (every value as text).
struct ExportedSpan: Sendable, Equatable, CustomStringConvertible {
    let service: String
    let traceID: String
    let spanID: String
    /// Nil for a root span.
    let parentSpanID: String?
    let name: String
    /// OTLP's `SpanKind`: 1 internal, 2 server, 3 client.
    let kind: Int
    let attributes: [String: String]

    var description: String { "\(service) \(name) \(spanID) ← \(parentSpanID ?? "root") \(attributes)" }
}

/// `ExportTraceServiceRequest` in OTLP's JSON encoding, as far as tests read it.
struct TraceExport: Decodable {
    struct ResourceSpans: Decodable {
        struct Resource: Decodable { var attributes: [KeyValue]? }
        struct ScopeSpans: Decodable { var spans: [Span]? }
        var resource: Resource?
        var scopeSpans: [ScopeSpans]?
    }
    struct Span: Decodable {
        var traceId: String
        var spanId: String
        var parentSpanId: String?
        var name: String
        var kind: Int?
        var attributes: [KeyValue]?
    }
    struct KeyValue: Decodable {
        struct Value: Decodable {
            var stringValue: String?
            var intValue: String?
            var boolValue: Bool?
            var doubleValue: Double?

            var text: String {
                stringValue ?? intValue ?? boolValue.map(String.init) ?? doubleValue.map { "\($0)" } ?? ""
            }
        }
        var key: String
        var value: Value
    }
    var resourceSpans: [ResourceSpans]?

    var spans: [ExportedSpan] {
        (resourceSpans ?? []).flatMap { resource in
            let service = resource.resource?.attributes?.first { $0.key == "service.name" }?.value.text ?? ""
            return (resource.scopeSpans ?? []).flatMap { $0.spans ?? [] }.map { span in
                ExportedSpan(
                    service: service, traceID: Self.hex(span.traceId), spanID: Self.hex(span.spanId),
                    parentSpanID: span.parentSpanId.map(Self.hex).flatMap { $0.isEmpty ? nil : $0 }, name: span.name,
                    kind: span.kind ?? 0,
                    attributes: Dictionary(
                        (span.attributes ?? []).map { ($0.key, $0.value.text) }, uniquingKeysWith: { $1 }))
            }
        }
    }

    /// OTLP/JSON says ids are hex; swift-otel's protobuf JSON encoder writes the bytes fields as
    /// base64. Either is accepted here.
    static func hex(_ id: String) -> String {
        if id.count == 32 || id.count == 16, id.allSatisfy(\.isHexDigit) { return id.lowercased() }
        guard let bytes = Data(base64Encoded: id) else { return id }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }
}
