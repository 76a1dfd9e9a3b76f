import Synchronization

/// What one `POST /rag/query` request has learned about itself so far (mode, top_k, cache,
/// model, versions, results, stage times), filled in by the controller as it goes and recorded
/// once by ``QueryOutcomeMiddleware``, which adds the final status and error code: whatever
/// failed, and wherever (decoding, the key's rate limit, the session cap, the database), the row
/// holds what was known by then.
final class QueryOutcome: Sendable {
    /// The outcome of the query this task serves. A task-local rather than a field of the
    /// request context: the context is copied by every middleware on the way in, so nothing the
    /// controller wrote to it would reach the middleware outside it.
    @TaskLocal static var current: QueryOutcome?

    private let record: Mutex<PerformanceRecord>

    init(_ record: PerformanceRecord) {
        self.record = Mutex(record)
    }

    /// Changes the record under its lock.
    func update(_ change: (inout PerformanceRecord) -> Void) {
        record.withLock { change(&$0) }
    }

    /// The record as it stands.
    var snapshot: PerformanceRecord { record.withLock { $0 } }
}
