/// Whether the LISTEN connection is up, and how many times it has connected; lets readiness
/// checks and tests wait for a (re)connection instead of sleeping.
public actor ListenerStatus {
    public private(set) var connected = false
    public private(set) var connections = 0
    private var waiters: [(after: Int, continuation: CheckedContinuation<Void, Never>)] = []

    public init() {}

    func didConnect() {
        connected = true
        connections += 1
        let ready = waiters.filter { $0.after < connections }
        waiters.removeAll { $0.after < connections }
        for waiter in ready { waiter.continuation.resume() }
    }

    func didDisconnect() {
        connected = false
    }

    /// Returns once the listener has connected more than `count` times in all.
    public func waitForConnection(after count: Int = 0) async {
        if connections > count { return }
        await withCheckedContinuation { continuation in waiters.append((count, continuation)) }
    }
}
