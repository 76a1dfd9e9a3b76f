/// Polls `condition` every `interval` until it holds or `limit` passes; true when it held. The one
/// way tests wait for something outside them (a server answering, a backend gone), never a bare
/// sleep that hopes it is long enough.
public func eventually(
    within limit: Duration, every interval: Duration = .milliseconds(50),
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return try await condition()
}

/// How long `condition` took to hold, polled every `interval` for at most `limit`; nil when it
/// never did. For tests whose claim is a time bound (a change served within 100 ms).
public func timeUntil(
    within limit: Duration, every interval: Duration = .milliseconds(5),
    _ condition: () async throws -> Bool
) async rethrows -> Duration? {
    let started = ContinuousClock.now
    let held = try await eventually(within: limit, every: interval, condition)
    return held ? ContinuousClock.now - started : nil
}
