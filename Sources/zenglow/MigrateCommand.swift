import ArgumentParser
import ZenGlowMigrator

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply and inspect migrations/, sql/ and timescale/ (DATABASE_URL, else the embedded default).",
        discussion: "Exit codes: 0 ok, 1 failed, 2 refused, 3 lock not obtained, 4 drift found.",
        subcommands: [Up.self, Status.self, Plan.self, Verify.self, Baseline.self, New.self]
    )

    struct Common: ParsableArguments {
        @Flag(help: "Print a JSON document (shapes in README.md) instead of text.")
        var json = false

        @Option(help: "The folder holding migrations/, sql/ and timescale/.")
        var root = "."

        @Option(help: "Seconds to wait for another migrator's lock.")
        var lockWait: Double = 60

        @Option(help: "Seconds a statement may wait for a table lock (lock_timeout).")
        var lockTimeout: Double = 5

        @Option(help: "How often a statement that hit lock_timeout is retried.")
        var lockRetries = 3

        var console: MigrationConsole {
            MigrationConsole(
                .init(
                    root: root,
                    json: json,
                    migrator: .init(
                        lockWait: .milliseconds(Int(lockWait * 1000)),
                        lockTimeout: .milliseconds(Int(lockTimeout * 1000)),
                        lockRetries: lockRetries
                    ),
                    database: { try EmbeddedDefaults.database() }
                )
            )
        }
    }

    struct PlanFlags: ParsableArguments {
        @Option(help: "Apply versioned files up to this number only.")
        var target: Int?

        @Flag(help: "Run even though applied files were edited.")
        var allowDrift = false

        @Flag(help: "Apply new files numbered below the highest applied one.")
        var outOfOrder = false

        var options: PlanOptions { PlanOptions(target: target, allowDrift: allowDrift, outOfOrder: outOfOrder) }
    }

    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply every pending file, under a lock.")
        @OptionGroup var common: Common
        @OptionGroup var flags: PlanFlags
        @Flag(help: "Show the plan and change nothing.")
        var dryRun = false

        func run() async throws {
            let code = await common.console.up(flags.options, dryRun: dryRun)
            if code != 0 { throw ExitCode(code) }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every file's state and the capabilities.")
        @OptionGroup var common: Common

        func run() async throws {
            let code = await common.console.status()
            if code != 0 { throw ExitCode(code) }
        }
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show exactly what `up` would run; change nothing.")
        @OptionGroup var common: Common
        @OptionGroup var flags: PlanFlags

        func run() async throws {
            let code = await common.console.plan(flags.options)
            if code != 0 { throw ExitCode(code) }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report drift: edited, missing, unknown-to-disk and out-of-order files (exit 4 when any)."
        )
        @OptionGroup var common: Common

        func run() async throws {
            let code = await common.console.verify()
            if code != 0 { throw ExitCode(code) }
        }
    }

    struct Baseline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record versions up to N as applied without running them (adopt an existing database)."
        )
        @OptionGroup var common: Common
        @Argument(help: "The highest version the database already has.")
        var version: Int

        func run() async throws {
            let code = await common.console.baseline(version)
            if code != 0 { throw ExitCode(code) }
        }
    }

    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the next numbered file in migrations/.")
        @OptionGroup var common: Common
        @Argument(help: "snake_case verb_object, e.g. create_documents.")
        var name: String

        func run() async throws {
            let code = common.console.new(name)
            if code != 0 { throw ExitCode(code) }
        }
    }
}
