/// Fans change events out to the `/events` streams of the tenant they concern.
public actor ChangeFeed {
    private var subscribers: [String: [Int: AsyncStream<ChangeEvent>.Continuation]] = [:]
    private var nextID = 0

    public init() {}

    /// A stream of `tenant`'s events; a slow reader loses the oldest events beyond 256, never
    /// holding the listener up.
    public func subscribe(tenant: String) -> AsyncStream<ChangeEvent> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: ChangeEvent.self, bufferingPolicy: .bufferingNewest(256))
        let id = nextID
        nextID += 1
        subscribers[tenant, default: [:]][id] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(tenant: tenant, id: id) } }
        return stream
    }

    /// Delivers an event to its tenant's subscribers. Global weight changes (tenant `_global`)
    /// concern every tenant without weights of its own, so they reach everyone.
    public func publish(_ event: ChangeEvent) {
        let targets =
            event.tenant == "_global"
            ? subscribers.values.flatMap(\.values) : Array((subscribers[event.tenant] ?? [:]).values)
        for continuation in targets { continuation.yield(event) }
    }

    /// Ends every stream (graceful shutdown).
    public func finishAll() {
        for continuation in subscribers.values.flatMap(\.values) { continuation.finish() }
        subscribers = [:]
    }

    private func unsubscribe(tenant: String, id: Int) {
        subscribers[tenant]?[id] = nil
        if subscribers[tenant]?.isEmpty == true { subscribers[tenant] = nil }
    }
}
