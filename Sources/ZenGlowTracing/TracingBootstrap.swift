import Foundation
import Logging
import OTel
import ServiceLifecycle

/// Bootstraps the process-global tracer with swift-otel's OTLP/HTTP exporter, configured from the
/// standard `OTEL_*` variables (swift-otel reads them itself: endpoint, protocol, service name,
/// sampler, batch schedule, headers, timeout). Only tracing: logs stay ZenGlow's JSON lines and
/// metrics its Prometheus endpoints, so OTel's logging and metrics backends are never started.
public enum TracingBootstrap {
    /// The exporter's service, to run first in the process' service group (so it shuts down last
    /// and flushes the spans of the final requests), or nil when tracing is off
    /// (``TracingSwitch``), in which case nothing is bootstrapped and every span is a no-op.
    /// `serviceName` is the default for `OTEL_SERVICE_NAME`; swift-otel's own diagnostics go to
    /// `logger`. Call at most once per process: the tracer is process-global.
    public static func bootstrap(
        serviceName: String, environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger
    ) throws -> (any Service)? {
        guard TracingSwitch.isEnabled(environment) else { return nil }
        var configuration = OTel.Configuration.default
        configuration.serviceName = serviceName
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        configuration.traces.enabled = true
        configuration.diagnosticLogger = .custom(logger)
        return try OTel.bootstrap(configuration: configuration, environment: environment)
    }
}
