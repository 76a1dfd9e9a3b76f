import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The worker's only HTTP server (`SPOOL_METRICS_HOST`:`SPOOL_METRICS_PORT`): `GET /metrics`
/// answers the Prometheus text of `metrics`, every other path 404. The worker does not start it when
/// the port is 0; a test may, and learns the port the kernel picked from `onServerRunning`.
public struct SpoolMetricsServer: Service {
    let host: String
    let port: Int
    let metrics: SpoolMetrics
    let logger: Logger
    let onServerRunning: @Sendable (Int) async -> Void

    public init(
        host: String, port: Int, metrics: SpoolMetrics, logger: Logger,
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
            configuration: .init(address: .hostname(host, port: port), serverName: "zenglow-spool"),
            onServerRunning: { [host, port, logger, onServerRunning] channel in
                let bound = channel.localAddress?.port ?? port
                logger.info("serving spool metrics", metadata: ["zg.address": "\(host):\(bound)"])
                await onServerRunning(bound)
            },
            logger: logger)
        do {
            try await application.run()
        } catch {
            throw SpoolError(
                "cannot serve metrics on \(host):\(port) (SPOOL_METRICS_HOST, SPOOL_METRICS_PORT; 0 for none): \(error)"
            )
        }
    }
}
