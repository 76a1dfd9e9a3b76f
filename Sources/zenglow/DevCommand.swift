import ArgumentParser
import ZenGlowEmbedded

struct DevCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run the embedded default: a private PostgreSQL and Redis under ./.zenglow.",
        subcommands: [Up.self, Down.self, Status.self, DevSeedCommand.self]
    )

    struct Options: ParsableArguments {
        @Flag(help: "Print the stack's status as JSON.")
        var json = false
    }

    struct Up: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start the embedded stack (harmless when running).")
        @OptionGroup var options: Options

        func run() throws {
            let report = try CommandFailure.reporting("dev up") {
                EmbeddedStackReport(try EmbeddedStack(configuration: .fromEnvironment()).up())
            }
            print(options.json ? try report.json() : report.text())
        }
    }

    struct Down: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the embedded stack (harmless when stopped).")
        @OptionGroup var options: Options

        func run() throws {
            let report = try CommandFailure.reporting("dev down") {
                EmbeddedStackReport(try EmbeddedStack(configuration: .fromEnvironment()).down())
            }
            print(options.json ? try report.json() : report.text())
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show whether the embedded stack runs; exits 3 when it does not."
        )
        @OptionGroup var options: Options

        func run() throws {
            let report = try CommandFailure.reporting("dev status") {
                EmbeddedStackReport(try EmbeddedStack(configuration: .fromEnvironment()).status)
            }
            print(options.json ? try report.json() : report.text())
            if !report.status.running { throw ExitCode(3) }
        }
    }
}
