import Foundation

/// One step of a backup or a restore and how long it took, reported as soon as it ends.
public struct BackupPhase: Codable, Sendable, Equatable {
    /// `dump`, `manifest`, `prune` for a backup; `check`, `create`, `restore`, `verify` for a restore.
    public var name: String
    public var seconds: Double
    /// What the step did, in a few words.
    public var detail: String

    public init(name: String, seconds: Double, detail: String) {
        self.name = name
        self.seconds = seconds
        self.detail = detail
    }

    /// The progress line: name, duration, detail.
    public var line: String {
        let padded = name + String(repeating: " ", count: max(0, 9 - name.count))
        return padded + String(format: "%7.2f s  ", seconds) + detail
    }
}

/// Times one phase.
struct PhaseClock {
    private let start = ContinuousClock.now

    var seconds: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
