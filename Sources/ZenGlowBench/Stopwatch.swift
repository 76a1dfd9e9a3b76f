/// Seconds since it was started, on the monotonic clock.
struct Stopwatch {
    private let started = ContinuousClock.now

    var seconds: Double {
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
