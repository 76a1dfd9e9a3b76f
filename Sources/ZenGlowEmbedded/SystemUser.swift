import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The account PostgreSQL runs under: `initdb` and `postgres` refuse to run as root.
public struct SystemUser: Sendable {
    public let name: String
    /// True when this process is root and must switch to `name` to run the server.
    public let needsSwitch: Bool
    let uid: uid_t
    let gid: gid_t

    /// The user to run PostgreSQL as: `postgres` when this process is root, else the current user.
    public static func forPostgres() throws -> SystemUser {
        guard geteuid() == 0 else {
            return SystemUser(name: NSUserName(), needsSwitch: false, uid: geteuid(), gid: getegid())
        }
        guard let entry = getpwnam("postgres") else {
            throw EmbeddedError(
                .commandMissing,
                "running as root, but there is no 'postgres' system user to run PostgreSQL as; run scripts/bootstrap"
            )
        }
        return SystemUser(name: "postgres", needsSwitch: true, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }

    /// Creates `path` (and parents) and hands it to this user, so the server can write there.
    func prepareDirectory(_ path: String, mode: Int = 0o700) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if needsSwitch, chown(path, uid, gid) != 0 {
            throw EmbeddedError(.commandFailed, "cannot give \(path) to user \(name): \(systemErrorText(errno))")
        }
        chmod(path, mode_t(mode))
    }
}
