/// This instance's own count of requests in flight: the session cap's fallback while Redis
/// cannot be reached (the cap then holds per instance, not across all of them).
actor LocalSessionGate {
    private let limit: Int
    private var active = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot when one is free.
    func tryAcquire() -> Bool {
        guard active < limit else { return false }
        active += 1
        return true
    }

    func release() {
        active = max(0, active - 1)
    }
}
