import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How often each spool file has been claimed, and until when a file put back after a transient
/// failure waits: one small JSON file per spool file under `.state/`, written atomically, removed
/// when the file reaches `archive/` or `failed/`. Counting claims (not failures) means a file that
/// kills its worker every time still reaches `failed/` after SPOOL_MAX_ATTEMPTS.
public struct AttemptLedger: Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        public var attempts: Int
        /// The file's inode: a new file that takes the name of one still remembered starts afresh.
        public var inode: UInt64?
        /// Seconds since 1970 before which the file is not claimed again.
        public var notBefore: Double?
        public var lastReason: String?
        public var lastMessage: String?

        enum CodingKeys: String, CodingKey {
            case attempts, inode
            case notBefore = "not_before"
            case lastReason = "last_reason"
            case lastMessage = "last_message"
        }
    }

    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    private func path(_ name: String) -> String { "\(directory)/\(name).json" }

    public func entry(_ name: String) -> Entry? {
        guard let data = FileManager.default.contents(atPath: path(name)) else { return nil }
        return try? JSONDecoder().decode(Entry.self, from: data)
    }

    func isBackingOff(_ name: String, inode: UInt64, now: Date) -> Bool {
        guard let entry = entry(name), entry.inode == nil || entry.inode == inode, let notBefore = entry.notBefore
        else {
            return false
        }
        return notBefore > now.timeIntervalSince1970
    }

    /// Counts one more claim of the file with `inode`; returns the count.
    func recordClaim(_ name: String, inode: UInt64) throws -> Int {
        var entry = entry(name).flatMap { $0.inode == nil || $0.inode == inode ? $0 : nil } ?? Entry(attempts: 0)
        entry.inode = inode
        entry.attempts += 1
        entry.notBefore = nil
        try write(entry, for: name)
        return entry.attempts
    }

    /// Remembers a transient failure and when the file may be tried again.
    public func recordRetry(_ name: String, notBefore: Date, reason: String, message: String) throws {
        var entry = entry(name) ?? Entry(attempts: 1)
        entry.notBefore = notBefore.timeIntervalSince1970
        entry.lastReason = reason
        entry.lastMessage = message
        try write(entry, for: name)
    }

    public func forget(_ name: String) {
        unlink(path(name))
    }

    /// The entry follows its file to a new name (put back under a free variant).
    func move(_ name: String, to newName: String) {
        guard name != newName else { return }
        Glibc.rename(path(name), path(newName))
    }

    /// The last transient failure, as a clause for a message.
    func lastFailure(_ name: String) -> String {
        guard let entry = entry(name), let reason = entry.lastReason else { return "" }
        return "; the last failure: \(reason): \(entry.lastMessage ?? "")"
    }

    private func write(_ entry: Entry, for name: String) throws {
        let data = try JSONEncoder().encode(entry)
        try AtomicFile.write(Array(data), to: path(name), mode: 0o600)
    }
}
