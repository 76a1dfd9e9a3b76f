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
    /// claim. Returns the name it has there (a free variant when the name was taken). `sidecar`,
    /// when given, is written first for the name the file will have (`failed/NAME.reason.json`), so
    /// a file in `failed/` always has its own reason file and never takes another's.
    @discardableResult
    public func finish(to folder: SpoolFolder, sidecar: ((_ name: String) throws -> String)? = nil) throws -> String {
        defer { release() }
        let target = directory.path(folder)
        for attempt in 1...1000 {
            let candidate = attempt == 1 ? name : FileMove.variant(of: name, number: attempt)
            var written: String?
            if let sidecar {
                if FileManager.default.fileExists(atPath: "\(target)/\(candidate)") { continue }
                written = try sidecar(candidate)
            }
            switch try FileMove.rename(path, to: "\(target)/\(candidate)") {
            case .moved:
                FileMove.syncDirectory(target)
                FileMove.syncDirectory(directory.path(.processing))
                return candidate
            case .sourceGone:
                if let written { unlink(written) }
                throw SpoolError("\(path) vanished while claimed")
            case .targetExists:
                if let written { unlink(written) }
            }
        }
        throw SpoolError("cannot move \(path) into \(target): 1000 variants of \(name) are taken")
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

    /// What trying to claim a file came to.
    public enum Outcome {
        case claimed(SpoolClaim)
        /// Another worker has it, it is gone, or a file of its name is in `processing/`.
        case notNow
        /// It cannot be opened (its permissions): it cannot be locked, so it is never claimed.
        case unopenable(String)
    }

    /// Files in `incoming/` that are ready: visible, finished (not held open for writing), not
    /// waiting out a retry back-off, and not named like a file in `processing/` (that one finishes
    /// first). Oldest first.
    public func ready(now: Date = Date()) -> [SpoolEntry] {
        let held = Set(directory.files(in: .processing).map(\.name))
        let entries = directory.files(in: .incoming).filter {
            SpoolFileKind.recognize($0.name) != .notReady && !held.contains($0.name)
                && !ledger.isBackingOff($0.name, inode: $0.inode, now: now)
        }
        guard !entries.isEmpty else { return [] }
        // Only files changed lately can still be open for writing; old ones skip the /proc scan.
        // The change time, not the modification time, which `cp -p` and `rsync -t` set to the past.
        let recent = entries.contains { now.timeIntervalSince1970 - $0.changed < 120 }
        guard recent else { return entries }
        // /proc shows resolved paths: a SPOOL_DIR reached through a symbolic link is resolved first.
        let incoming = URL(fileURLWithPath: directory.path(.incoming)).resolvingSymlinksInPath().path
        let writing = OpenWriters.paths(under: incoming)
        return entries.filter { !writing.contains("\(incoming)/\($0.name)") }
    }

    /// Tries to claim `incoming/NAME`.
    public func claim(_ name: String) throws -> Outcome {
        let source = directory.path(.incoming, name)
        let descriptor: Int32
        switch lock(source) {
        case .locked(let locked): descriptor = locked
        case .busy: return .notNow
        case .unopenable(let reason): return .unopenable(reason)
        }
        do {
            switch try FileMove.rename(source, to: directory.path(.processing, name)) {
            case .moved:
                FileMove.syncDirectory(directory.path(.processing))
                let attempt = try ledger.recordClaim(name, inode: Self.inode(of: descriptor))
                return .claimed(
                    SpoolClaim(
                        name: name, attempt: attempt, reclaimed: false, directory: directory, descriptor: descriptor))
            case .sourceGone, .targetExists:
                close(descriptor)
                return .notNow
            }
        } catch {
            // The lock goes with the descriptor: a file already in processing/ is an orphan for the next run.
            close(descriptor)
            throw error
        }
    }

    /// True when `processing/` holds a file no live worker has locked.
    public func hasOrphans() -> Bool {
        directory.files(in: .processing).contains { entry in
            guard case .locked(let descriptor) = lock(directory.path(.processing, entry.name)) else { return false }
            close(descriptor)
            return true
        }
    }

    /// Files in `processing/` whose worker died (their lock is free), claimed for this worker.
    public func reclaimOrphans() throws -> [SpoolClaim] {
        var claims: [SpoolClaim] = []
        for entry in directory.files(in: .processing) {
            guard case .locked(let descriptor) = lock(directory.path(.processing, entry.name)) else { continue }
            do {
                let attempt = try ledger.recordClaim(entry.name, inode: Self.inode(of: descriptor))
                claims.append(
                    SpoolClaim(
                        name: entry.name, attempt: attempt, reclaimed: true, directory: directory,
                        descriptor: descriptor))
            } catch {
                close(descriptor)
                throw error
            }
        }
        return claims
    }

    private enum Lock {
        case locked(Int32)
        case busy
        case unopenable(String)
    }

    /// An open descriptor of `path` holding its exclusive lock; busy when the lock is taken, the
    /// file is gone, or the name no longer refers to the file that was locked (it moved on meanwhile).
    private func lock(_ path: String) -> Lock {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else {
            return errno == ENOENT ? .busy : .unopenable("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        var locked = stat()
        var current = stat()
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0, fstat(descriptor, &locked) == 0, stat(path, &current) == 0,
            locked.st_ino == current.st_ino, locked.st_dev == current.st_dev
        else {
            close(descriptor)
            return .busy
        }
        return .locked(descriptor)
    }

    static func inode(of descriptor: Int32) -> UInt64 {
        var status = stat()
        return fstat(descriptor, &status) == 0 ? UInt64(status.st_ino) : 0
    }
}
