import Testing
import ZenGlowTracing

@Suite("the tracing switch")
struct TracingSwitchTests {
    @Test("off by default, on in staging or with an OTLP endpoint named, and OTEL_SDK_DISABLED wins either way")
    func profiles() {
        #expect(!TracingSwitch.isEnabled([:]))
        #expect(!TracingSwitch.isEnabled(["ZENGLOW_PROFILE": "dev"]))
        #expect(TracingSwitch.isEnabled(["ZENGLOW_PROFILE": "staging"]))
        #expect(TracingSwitch.isEnabled(["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"]))
        #expect(TracingSwitch.isEnabled(["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"]))
        #expect(!TracingSwitch.isEnabled(["OTEL_EXPORTER_OTLP_ENDPOINT": ""]))
        #expect(!TracingSwitch.isEnabled(["ZENGLOW_PROFILE": "staging", "OTEL_SDK_DISABLED": "true"]))
        #expect(
            !TracingSwitch.isEnabled(["OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318", "OTEL_SDK_DISABLED": "TRUE"]))
        #expect(TracingSwitch.isEnabled(["OTEL_SDK_DISABLED": "false"]))
    }
}
