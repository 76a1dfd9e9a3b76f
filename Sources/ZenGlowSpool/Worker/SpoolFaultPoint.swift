import Foundation

/// Where `ZENGLOW_SPOOL_FAULT` stops a worker for crash tests: the worker writes
/// `.state/fault-reached` (naming the point) and sleeps until it is killed. Operators can use it to
/// rehearse recovery; unset, nothing stops.
public enum SpoolFaultPoint: String, Sendable, CaseIterable {
    /// The file is in `processing/`, nothing loaded.
    case afterClaim = "after-claim"
    /// Rows are streaming: the COPY is open inside the loading transaction.
    case duringCopy = "during-copy"
    /// The batch is committed; the file is still in `processing/`.
    case afterCommit = "after-commit"

    func stall(directory: SpoolDirectory) async {
        try? AtomicFile.write(Array(rawValue.utf8), to: "\(directory.stateDirectory)/fault-reached", mode: 0o600)
        while true { try? await Task.sleep(for: .seconds(3600)) }
    }
}
