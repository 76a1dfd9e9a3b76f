import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file this worker holds in `processing/`. The claim is an exclusive `flock` on the file, taken
/// before the claiming rename and held until the file leaves `processing/`: the kernel drops it when
/// the worker dies, so a lock that can be taken marks an orphan that another worker may reclaim,
/// and a file is never worked on by two workers at once.
public final class SpoolClaim: @unchecked Sendable {
    public let name: String
    /// How many times the file has been claimed, this claim included.
    public let attempt: Int
    /// True when the file was found orphaned in `processing/` (its worker died).
    public let reclaimed: Bool
    let directory: SpoolDirectory
    private var descriptor: Int32

    init(name: String, attempt: Int, reclaimed: Bool, directory: SpoolDirectory, descriptor: Int32) {
        self.name = name
        self.attempt = attempt
        self.reclaimed = reclaimed
        self.directory = directory
        self.descriptor = descriptor
    }

    deinit { release() }

    public var path: String { directory.path(.processing, name) }

    /// Moves the file to `folder` (`archive`, `failed`, or back to `incoming`) and releases the
    /// claim. Returns the name it has there (a free variant when the name was taken).
    @discardableResult
    public func finish(to folder: SpoolFolder) throws -> String {
        defer { release() }
        guard let moved = try FileMove.rename(path, into: directory.path(folder), name: name) else {
            throw SpoolError("\(path) vanished while claimed")
        }
        FileMove.syncDirectory(directory.path(folder))
        FileMove.syncDirectory(directory.path(.processing))
        return moved
    }

    func release() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
    }
}

/// Claims spool files: from `incoming/` by lock-then-rename, and orphans in `processing/` whose
/// lock is free.
public struct SpoolClaimer: Sendable {
    public let directory: SpoolDirectory
    public let ledger: AttemptLedger

    public init(directory: SpoolDirectory) {
        self.directory = directory
        self.ledger = AttemptLedger(directory: directory.stateDirectory)
    }

    /// Files in `incoming/` that are ready: visible, finished (not held open for writing) and not
    /// waiting out a retry back-off. Oldest first.
    public func ready(now: Date = Date()) -> [SpoolEntry] {
        let entries = directory.files(in: .incoming).filter {
            SpoolFileKind.recognize($0.name) != .notReady && !ledger.isBackingOff($0.name, now: now)
        }
        guard !entries.isEmpty else { return [] }
        // Only files written lately can still be open for writing; old ones skip the /proc scan.
        let recent = entries.contains { now.timeIntervalSince1970 - $0.modified < 120 }
        let writing = recent ? OpenWriters.paths(under: directory.path(.incoming)) : []
        return entries.filter { !writing.contains(directory.path(.incoming, $0.name)) }
    }

    /// Claims `incoming/NAME`; nil when another worker has it, it is gone, or a file of that name is
    /// in `processing/` already (it waits for that one to finish).
    public func claim(_ name: String) throws -> SpoolClaim? {
        let source = directory.path(.incoming, name)
        guard let descriptor = lockedDescriptor(source) else { return nil }
        switch try FileMove.rename(source, to: directory.path(.processing, name)) {
        case .moved:
            FileMove.syncDirectory(directory.path(.processing))
            let attempt = try ledger.recordClaim(name)
            return SpoolClaim(
                name: name, attempt: attempt, reclaimed: false, directory: directory, descriptor: descriptor)
        case .sourceGone, .targetExists:
            close(descriptor)
            return nil
        }
    }

    /// Files in `processing/` whose worker died (their lock is free), claimed for this worker.
    public func reclaimOrphans() throws -> [SpoolClaim] {
        var claims: [SpoolClaim] = []
        for entry in directory.files(in: .processing) {
            let path = directory.path(.processing, entry.name)
            guard let descriptor = lockedDescriptor(path) else { continue }
            let attempt = try ledger.recordClaim(entry.name)
            claims.append(
                SpoolClaim(
                    name: entry.name, attempt: attempt, reclaimed: true, directory: directory, descriptor: descriptor))
        }
        return claims
    }

    /// An open descriptor of `path` holding its exclusive lock, or nil when the lock is taken or the
    /// name no longer refers to the file that was locked (it moved on meanwhile).
    private func lockedDescriptor(_ path: String) -> Int32? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        var locked = stat()
        var current = stat()
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0, fstat(descriptor, &locked) == 0, stat(path, &current) == 0,
            locked.st_ino == current.st_ino, locked.st_dev == current.st_dev
        else {
            close(descriptor)
            return nil
        }
        return descriptor
    }
}
