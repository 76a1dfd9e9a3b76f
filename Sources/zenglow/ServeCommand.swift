import ArgumentParser
import ZenGlowAPI

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (configuration from the environment and .env; see docs/api.md)."
    )

    @Option(help: "An optional file of KEY=value lines; the environment wins over it.")
    var envFile = ".env"

    func run() async throws {
        do {
            try await APIServer.run(environmentFile: envFile)
        } catch let error as ConfigurationError {
            print("zenglow serve: \(error)")
            throw ExitCode(2)
        }
    }
}
