import ArgumentParser

/// The `zenglow` command line: a thin shell over ZenGlow's libraries.
@main
struct ZenGlowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zenglow",
        abstract: "ZenGlow: PostgreSQL-centric retrieval backend and operations kit.",
        subcommands: [
            VersionCommand.self, DoctorCommand.self, DevCommand.self, MigrateCommand.self, EvalCommand.self,
            LTRCommand.self, BenchCommand.self, ServeCommand.self, KeysCommand.self, TenantsCommand.self,
            EmbedCommand.self, SpoolCommand.self, StatsCommand.self, MaintainCommand.self,
            BackupCommand.self, RestoreCommand.self, ANNCommand.self,
        ]
    )
}
