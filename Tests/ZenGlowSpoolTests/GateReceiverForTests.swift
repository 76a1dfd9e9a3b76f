import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A gate on loopback for tests: a real HTTP server that records every POST to `/gate` and answers
/// with the statuses it was given, in order, then 200. `.hang` answers nothing until the server stops.
final class GateReceiver: Sendable {
    /// How the receiver answers one request.
    enum Answer: Sendable {
        case status(HTTPResponse.Status)
        case hang
    }

    /// One request as it arrived.
    struct Delivery: Sendable {
        let headers: [String: String]
        let body: Data

        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    private struct State {
        var port = 0
        var answers: [Answer]
        var deliveries: [Delivery] = []
    }

    private let state: Mutex<State>

    private init(answers: [Answer]) {
        state = Mutex(State(answers: answers))
    }

    /// The port it listens on.
    var port: Int { state.withLock { $0.port } }

    /// Where the notifier should POST.
    var url: URL { URL(string: "http://127.0.0.1:\(port)/gate")! }

    /// Every request received so far, in order.
    var deliveries: [Delivery] { state.withLock { $0.deliveries } }

    /// Runs a receiver on `port` (0: one the kernel picks) for the duration of `body`.
    static func serving<Result: Sendable>(
        port: Int = 0, answers: [Answer] = [], _ body: (GateReceiver) async throws -> Result
    ) async throws -> Result {
        let receiver = GateReceiver(answers: answers)
        let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
        let router = Router()
        router.post("/gate") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            switch receiver.record(Delivery(headers: headers, body: Data(buffer: bytes))) {
            case .status(let status): return Response(status: status)
            case .hang:
                try await Task.sleep(for: .seconds(3600))
                return Response(status: .ok)
            }
        }
        var logger = Logger(label: "zenglow.test.gate-receiver")
        logger.logLevel = .critical  // stopping by cancellation logs an error that is not one here
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                receiver.state.withLock { $0.port = channel.localAddress?.port ?? port }
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

    /// A port that nothing listens on: one a receiver had until it stopped.
    /// Never the same port twice in one test process, and below the kernel's ephemeral range
    /// (32768 up): a port from there may be taken by any outgoing connection (the suites beside
    /// this one hold hundreds) before the test binds "its" closed port again.
    static func closedPort() async throws -> Int {
        while true {
            let candidate = Int.random(in: 20000..<32768)
            guard handedOut.withLock({ $0.insert(candidate).inserted }) else { continue }
            if let port = try? await serving(port: candidate, { $0.port }) { return port }
        }
    }

    private static let handedOut = Mutex(Set<Int>())

    private func record(_ delivery: Delivery) -> Answer {
        state.withLock { state in
            state.deliveries.append(delivery)
            return state.answers.isEmpty ? .status(.ok) : state.answers.removeFirst()
        }
    }
}
