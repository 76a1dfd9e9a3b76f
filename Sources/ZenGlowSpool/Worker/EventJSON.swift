/// A value as compact JSON text for a `jsonb` argument, in the reports' shape (snake_case keys,
/// ISO 8601 times).
enum EventJSON {
    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try ReportJSON.encoder(pretty: false).encode(value), as: UTF8.self)
    }
}
