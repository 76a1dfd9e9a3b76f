import Foundation
import ZenGlowDB
import ZenGlowEmbedded

/// The pg_dump and pg_restore a backup and a restore run, from one directory.
public struct PostgresTools: Sendable {
    public let binDirectory: String

    public init(binDirectory: String) {
        self.binDirectory = binDirectory
    }

    public var pgDump: String { binDirectory + "/pg_dump" }
    public var pgRestore: String { binDirectory + "/pg_restore" }

    /// The first directory holding both tools: `explicit` (ZENGLOW_POSTGRES_BIN) when set, else
    /// `pg_config --bindir` of the pg_config on PATH (the exact server build, not Debian's version
    /// wrapper), else the directory of the pg_dump on PATH, else PostgreSQL 15's Debian directory,
    /// where the embedded cluster's binaries live.
    public static func locate(explicit: String?, environment: [String: String]) throws -> PostgresTools {
        if let explicit, !explicit.isEmpty {
            let tools = PostgresTools(binDirectory: explicit)
            guard tools.present else {
                throw BackupError(
                    .toolMissing, "ZENGLOW_POSTGRES_BIN=\(explicit) does not hold pg_dump and pg_restore")
            }
            return tools
        }
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        var candidates: [String] = []
        if let pgConfig = path.map({ $0 + "/pg_config" }).first(where: FileManager.default.isExecutableFile),
            let outcome = try? ShellCommand(pgConfig, ["--bindir"]).run(), outcome.succeeded
        {
            candidates.append(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        candidates += path.filter { FileManager.default.isExecutableFile(atPath: $0 + "/pg_dump") }
        candidates.append(EmbeddedConfiguration().postgresBinDirectory)
        guard let found = candidates.map(PostgresTools.init).first(where: \.present) else {
            throw BackupError(
                .toolMissing,
                "pg_dump and pg_restore not found (looked in \(candidates.joined(separator: ", "))); "
                    + "install postgresql-client-15 or set ZENGLOW_POSTGRES_BIN")
        }
        return found
    }

    private var present: Bool {
        FileManager.default.isExecutableFile(atPath: pgDump) && FileManager.default.isExecutableFile(atPath: pgRestore)
    }

    /// `pg_dump --version`, e.g. `pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)`.
    public func dumpVersion() throws -> String {
        try ShellCommand(pgDump, ["--version"]).runChecked("pg_dump --version").output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `tool` with libpq's environment for `url` (so a password never appears in the process
    /// list) on a thread of its own: a dump takes minutes, and must not hold a thread of Swift's
    /// cooperative pool meanwhile.
    func run(_ tool: String, _ arguments: [String], url: DatabaseURL, applicationName: String) async throws
        -> ShellCommand.Outcome
    {
        let command = ShellCommand(
            tool, arguments, environment: Self.environment(for: url, applicationName: applicationName))
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try command.run() }) }
            thread.name = "zenglow-" + URL(fileURLWithPath: tool).lastPathComponent
            thread.start()
        }
    }

    static func environment(for url: DatabaseURL, applicationName: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        environment["PGHOST"] = url.socketDirectory ?? url.host ?? "localhost"
        environment["PGPORT"] = String(url.port)
        environment["PGUSER"] = url.user
        environment["PGDATABASE"] = url.database
        environment["PGAPPNAME"] = applicationName
        environment["PGCONNECT_TIMEOUT"] = "30"
        if url.socketDirectory == nil { environment["PGSSLMODE"] = url.sslMode }
        if let password = url.password { environment["PGPASSWORD"] = password }
        return environment
    }
}
