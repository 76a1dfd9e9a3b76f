import ArgumentParser
import Foundation
import ZenGlowDB

/// `zenglow maintain …`: one run of zenglow.run_maintenance() (the default), the maintainer
/// service, or its pg_cron job (docs/maintenance.md).
struct MaintainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintain",
        abstract:
            "Partitions, retention, rollups and ANALYZE after loads (zenglow.run_maintenance()): once, as a service, or in pg_cron.",
        discussion: """
            `zenglow maintain` runs it once; `maintain run --every 60s` runs it on a schedule until SIGTERM; \
            `maintain schedule` registers it in pg_cron. See docs/maintenance.md.
            """,
        subcommands: [MaintainOnceCommand.self, MaintainRunCommand.self, MaintainScheduleCommand.self],
        defaultSubcommand: MaintainOnceCommand.self
    )
}

/// `zenglow maintain [once]`: one manual run.
struct MaintainOnceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "once",
        abstract: "Run maintenance once (the default of `zenglow maintain`).",
        discussion: """
            Connects with DATABASE_URL, else the embedded database, as that login (the owner or a superuser). \
            Prints one line per step outcome; --json prints the run's row of zenglow.maintenance_runs. Exits 0 on \
            success (also when another run held the lock), 1 when a step failed. The run records scheduler 'manual'.
            """
    )

    @Flag(help: "Print the run's row as JSON.")
    var json = false

    func run() async throws {
        // The first run over a large query_performance backfills the rollups (minutes for
        // millions of rows): say it started, where someone is watching.
        if isatty(STDERR_FILENO) != 0 {
            FileHandle.standardError.write(Data("zenglow maintain: running (partitions, rollups, retention)…\n".utf8))
        }
        let run = try await CommandFailure.reporting("maintain") {
            try await OperatorConnection.with("maintain") { try await $0.runMaintenance(logger: $1) }
        }
        print(json ? try JSONOutput.text(run) : run.report.joined(separator: "\n"))
        if run.failed {
            FileHandle.standardError.write(
                Data("zenglow maintain: \(run.outcome): \(run.error ?? "no error recorded")\n".utf8))
            throw ExitCode(1)
        }
    }
}
