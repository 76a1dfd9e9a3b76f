/// The drift check: compares the share of chunks each source contributes to a batch with the
/// tenant's previous batch, so a feed that suddenly goes quiet or floods is noticed.
public enum DriftCheck {
    /// Floating-point slack, so a delta that is the threshold on paper (0.9 − 0.7) is not
    /// flagged for its last bit.
    private static let tolerance = 1e-9

    /// The report for `current` (chunks per source) against `previous`. No previous batch, or
    /// either batch without chunks, gives no deltas and is never flagged.
    public static func compare(
        current: [String: Int], previous: [String: Int]?, previousTag: String?, threshold: Double
    ) -> DriftReport {
        let currentTotal = current.values.reduce(0, +)
        let previousTotal = previous?.values.reduce(0, +) ?? 0
        guard let previous, currentTotal > 0, previousTotal > 0 else {
            return DriftReport(
                previousBatchTag: previous == nil ? nil : previousTag, deltas: [:], maxDelta: 0,
                threshold: threshold, flagged: false)
        }
        var deltas: [String: Double] = [:]
        for source in Set(current.keys).union(previous.keys) {
            let now = Double(current[source, default: 0]) / Double(currentTotal)
            let before = Double(previous[source, default: 0]) / Double(previousTotal)
            deltas[source] = now - before
        }
        let maxDelta = deltas.values.map(abs).max() ?? 0
        return DriftReport(
            previousBatchTag: previousTag, deltas: deltas, maxDelta: maxDelta, threshold: threshold,
            flagged: maxDelta > threshold + tolerance)
    }
}
