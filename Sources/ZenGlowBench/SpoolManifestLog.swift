import Foundation
import Logging
import PostgresNIO

/// When each batch became searchable, as heard on `zenglow_manifest`: PostgreSQL delivers a
/// NOTIFY only when its transaction commits, so the moment a `done` (or `healed`) notification
/// arrives is the moment the batch's chunks are visible to `rag_query`.
final class SpoolManifestLog: @unchecked Sendable {
    static let channel = "zenglow_manifest"
    /// The payload the benchmark sends itself to end the listening.
    static let endPayload = "zenglow-bench-spool-end"

    private let lock = NSLock()
    private var searchableAt: [Int64: ContinuousClock.Instant] = [:]
    private var repeats = 0

    /// Batch id → the first time it was announced searchable.
    var times: [Int64: ContinuousClock.Instant] { lock.withLock { searchableAt } }
    var count: Int { lock.withLock { searchableAt.count } }
    /// Batches announced searchable more than once (a batch loaded twice would be).
    var repeated: Int { lock.withLock { repeats } }

    private struct Payload: Decodable {
        let batchID: Int64
        let state: String

        enum CodingKeys: String, CodingKey {
            case state
            case batchID = "batch_id"
        }
    }

    /// Records notifications until the end payload arrives.
    func consume(_ notifications: PostgresNotificationSequence) async throws {
        let decoder = JSONDecoder()
        for try await notification in notifications {
            let now = ContinuousClock.now
            if notification.payload == Self.endPayload { return }
            guard let payload = try? decoder.decode(Payload.self, from: Data(notification.payload.utf8)),
                ["done", "healed"].contains(payload.state)
            else { continue }
            lock.withLock {
                if searchableAt[payload.batchID] == nil {
                    searchableAt[payload.batchID] = now
                } else {
                    repeats += 1
                }
            }
        }
    }

    /// Waits until `target` batches were announced while announcements keep coming: false once
    /// `stall` seconds pass without a new one (a worker that stopped, or a batch that never loads).
    func waitWhileProgressing(_ target: Int, stall: Double) async -> Bool {
        var seen = count
        var lastProgress = ContinuousClock.now
        while count < target {
            let now = ContinuousClock.now
            if count > seen {
                seen = count
                lastProgress = now
            } else if now - lastProgress >= .milliseconds(Int(stall * 1000)) {
                return false
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    /// Waits until `count` batches were announced, checking every 10 ms; false at the deadline.
    func waitFor(_ target: Int, within seconds: Double) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while count < target {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }
}
