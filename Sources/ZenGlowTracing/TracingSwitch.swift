/// Whether traces are exported: off by default (the dev profile), on in the `staging` profile
/// (`ZENGLOW_PROFILE`) or when an OTLP endpoint is named (`OTEL_EXPORTER_OTLP_ENDPOINT`,
/// `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`: naming one is asking for traces), and
/// `OTEL_SDK_DISABLED` (the standard variable) wins over all of them.
public enum TracingSwitch {
    public static func isEnabled(_ environment: [String: String]) -> Bool {
        if let disabled = environment["OTEL_SDK_DISABLED"] { return disabled.lowercased() != "true" }
        let endpoints = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]
        if endpoints.contains(where: { !(environment[$0] ?? "").isEmpty }) { return true }
        return environment["ZENGLOW_PROFILE"]?.lowercased() == "staging"
    }
}
