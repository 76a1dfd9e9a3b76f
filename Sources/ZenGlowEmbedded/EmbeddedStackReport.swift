import Foundation

/// The embedded stack's status, printable for people or as JSON for scripts.
public struct EmbeddedStackReport: Sendable {
    public let status: EmbeddedStatus

    public init(_ status: EmbeddedStatus) {
        self.status = status
    }

    public func text() -> String {
        [status.postgres, status.redis].map { server in
            let state = server.running ? "running (pid \(server.pid ?? 0))" : "stopped"
            let name = server.name.padding(toLength: 11, withPad: " ", startingAt: 0)
            return "\(name)\(state)  port \(server.port)  socket \(server.socketPath)  log \(server.logFile)"
        }.joined(separator: "\n")
    }

    /// `{"running": Bool, "postgres": ServerStatus, "redis": ServerStatus}`.
    public func json() throws -> String {
        struct Document: Encodable {
            let running: Bool
            let postgres: ServerStatus
            let redis: ServerStatus
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(running: status.running, postgres: status.postgres, redis: status.redis)
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }
}
