import ArgumentParser

/// `zenglow spool …`: the spool pipeline's folders, writers and worker (docs/ingestion.md).
struct SpoolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spool",
        abstract: "Ingest MessagePack (+zstd) files through the spool folders (see docs/ingestion.md).",
        subcommands: [
            SpoolInitCommand.self, SpoolRunCommand.self, SpoolProcessCommand.self, SpoolPutCommand.self,
            SpoolAppendCommand.self, SpoolStatusCommand.self, SpoolReportCommand.self,
        ]
    )
}

/// Options every spool command shares.
struct SpoolOptions: ParsableArguments {
    @Option(help: "An optional file of KEY=value lines; the environment wins over it.")
    var envFile = ".env"

    @Option(help: "The spool folder (overrides SPOOL_DIR).")
    var spoolDir: String?
}
