import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The gate's durable queue (`$SPOOL_DIR/.gate/`): one file per undelivered event, holding the exact
/// body to POST, named `<stamp>-<delivery id>.json` so that names sort oldest first and the delivery
/// id survives restarts. Entries are written with `AtomicFile` (hidden temporary, fsync, rename,
/// fsync of the folder), so after a crash an entry is whole or absent; it is deleted once delivered.
struct GateOutbox: Sendable {
    /// One undelivered event.
    struct Entry: Sendable, Equatable {
        /// The file name: `<stamp>-<delivery id>.json`.
        let name: String

        /// The `X-ZenGlow-Delivery` header: the same on every attempt and after a restart.
        var deliveryID: String {
            String(name.dropLast(Self.suffix.count).drop { $0 != "-" }.dropFirst())
        }

        static let suffix = ".json"
    }

    let directory: String

    /// Writes `body` durably as a new entry, ordered after every entry stamped lower.
    func record(_ body: Data, stamp: UInt64, deliveryID: String) throws -> Entry {
        if !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw SpoolError("cannot create the gate outbox \(directory): \(error)")
            }
        }
        let entry = Entry(name: String(format: "%020llu", stamp) + "-" + deliveryID + Entry.suffix)
        try AtomicFile.write([UInt8](body), to: path(of: entry), mode: 0o600)
        return entry
    }

    /// Undelivered entries, oldest first; hidden files (half-written temporaries, set-aside entries) are not entries.
    func pending() -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0.hasSuffix(Entry.suffix) }.sorted().map(Entry.init(name:))
    }

    /// The body to POST for `entry`.
    func body(of entry: Entry) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(of: entry)))
    }

    /// Forgets a delivered entry.
    func remove(_ entry: Entry) throws {
        guard unlink(path(of: entry)) == 0 || errno == ENOENT else {
            throw SpoolError(
                "cannot delete the delivered gate event \(path(of: entry)): \(String(cString: strerror(errno)))")
        }
    }

    /// Moves an entry that cannot be read or sent out of the queue (kept, hidden, for a person to
    /// look at) so that it does not hold back every event behind it; returns where it went.
    func setAside(_ entry: Entry) throws -> String {
        let target = directory + "/.unreadable-" + entry.name
        guard rename(path(of: entry), target) == 0 else {
            throw SpoolError("cannot set aside \(path(of: entry)): \(String(cString: strerror(errno)))")
        }
        return target
    }

    func path(of entry: Entry) -> String { directory + "/" + entry.name }
}
