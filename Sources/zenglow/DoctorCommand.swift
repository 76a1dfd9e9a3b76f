import ArgumentParser
import ZenGlowDoctor
import ZenGlowEmbedded

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract:
            "Report the versions of PostgreSQL, pgvector, TimescaleDB, Redis, libzstd, hiredis, OpenBLAS and the embedding model.",
        discussion: "Exits non-zero when anything is missing, printing the fix for each missing piece."
    )

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let report = try CommandFailure.reporting("doctor") {
            DoctorReport(
                checks: Doctor(
                    configuration: try EmbeddedConfiguration.fromEnvironment(),
                    modelDirectory: try EmbeddedDefaults.modelDirectory()
                ).run())
        }
        print(json ? try report.json() : report.text())
        if !report.healthy { throw ExitCode(1) }
    }
}
