import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The maintainer's only HTTP server (`MAINTAIN_METRICS_HOST`:`MAINTAIN_METRICS_PORT`):
/// `GET /metrics` answers the Prometheus text of `metrics`, every other path 404. Not started when
/// the port is 0; a test may start it on port 0 and learn the port from `onServerRunning`.
public struct MaintenanceMetricsServer: Service {
    let host: String
    let port: Int
    let metrics: MaintenanceMetrics
    let logger: Logger
    let onServerRunning: @Sendable (Int) async -> Void

    public init(
        host: String, port: Int, metrics: MaintenanceMetrics, logger: Logger,
        onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) {
        self.host = host
        self.port = port
        self.metrics = metrics
        self.logger = logger
        self.onServerRunning = onServerRunning
    }

    /// Serves until graceful shutdown or cancellation.
    public func run() async throws {
        let router = Router()
        router.get("/metrics") { [metrics] _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.render())))
        }
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "zenglow-maintain"),
            onServerRunning: { [host, port, logger, onServerRunning] channel in
                let bound = channel.localAddress?.port ?? port
                logger.info("serving maintenance metrics", metadata: ["zg.address": "\(host):\(bound)"])
                await onServerRunning(bound)
            },
            logger: logger)
        do {
            try await application.run()
        } catch {
            throw MaintenanceError(
                "cannot serve metrics on \(host):\(port) (MAINTAIN_METRICS_HOST, MAINTAIN_METRICS_PORT; 0 for none): \(error)"
            )
        }
    }
}
