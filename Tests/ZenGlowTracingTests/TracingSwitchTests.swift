import Testing
import ZenGlowTracing

@Suite("the tracing switch")
struct TracingSwitchTests {
    @Test("off by default, on in staging, and OTEL_SDK_DISABLED wins either way")
    func profiles() {
        #expect(!TracingSwitch.isEnabled([:]))
        #expect(TracingSwitch.isEnabled(["ZENGLOW_PROFILE": "staging"]))
        #expect(!TracingSwitch.isEnabled(["ZENGLOW_PROFILE": "staging", "OTEL_SDK_DISABLED": "true"]))
        #expect(TracingSwitch.isEnabled(["OTEL_SDK_DISABLED": "false"]))
    }
}
