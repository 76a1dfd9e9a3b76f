import Foundation

/// The highest 1-minute load average seen while a part of `bench spool` ran (read from
/// /proc/loadavg every 5 s), so that a figure says what else the machine was doing.
final class SpoolLoadSampler: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0.0

    var highest: Double { lock.withLock { value } }

    /// Samples until cancelled.
    func sample() async {
        while !Task.isCancelled {
            let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
            if let first = text.split(separator: " ").first, let load = Double(first) {
                lock.withLock { value = max(value, load) }
            }
            try? await Task.sleep(for: .seconds(5))
        }
    }
}
