import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// An OTLP/HTTP trace receiver on loopback for tests: a real HTTP server accepting
/// `POST /v1/traces` in OTLP's JSON encoding (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`), keeping
/// every span it was sent.
final class OTLPReceiver: Sendable {
    private struct State {
        var port = 0
        var requests = 0
        var spans: [ExportedSpan] = []
    }

    private let state = Mutex(State())

    /// The port it listens on.
    var port: Int { state.withLock { $0.port } }

    /// `OTEL_EXPORTER_OTLP_ENDPOINT` for it (swift-otel appends `/v1/traces`).
    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// How many export requests arrived.
    var requests: Int { state.withLock { $0.requests } }

    /// Every span received so far.
    var spans: [ExportedSpan] { state.withLock { $0.spans } }

    /// Runs a receiver for the duration of `body`.
    static func serving<Result: Sendable>(_ body: (OTLPReceiver) async throws -> Result) async throws -> Result {
        let receiver = OTLPReceiver()
        let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
        let router = Router()
        router.post("/v1/traces") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 64 << 20)
            let export = try JSONDecoder().decode(TraceExport.self, from: Data(buffer: bytes))
            receiver.state.withLock {
                $0.requests += 1
                $0.spans += export.spans
            }
            // An empty ExportTraceServiceResponse: full success.
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
        }
        var logger = Logger(label: "zenglow.test.otlp-receiver")
        logger.logLevel = .critical  // stopping by cancellation logs an error that is not one here
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                receiver.state.withLock { $0.port = channel.localAddress?.port ?? 0 }
                startedContinuation.yield()
            }, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { startedContinuation.finish() }  // so a server that cannot start does not leave us waiting
                try await application.run()
            }
            var iterator = started.makeAsyncIterator()
            guard await iterator.next() != nil else {
                try await group.waitForAll()
                throw CancellationError()
            }
            defer { group.cancelAll() }
            return try await body(receiver)
        }
    }
}
