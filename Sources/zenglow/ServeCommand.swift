import ArgumentParser
import ZenGlowAPI
import ZenGlowTracing

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (configuration from the environment and .env; see docs/api.md)."
    )

    @Option(help: "An optional file of KEY=value lines; the environment wins over it.")
    var envFile = ".env"

    @Option(help: "The address to listen on; wins over HTTP_HOST.")
    var host: String?

    @Option(help: "The port to listen on (0 picks a free one); wins over HTTP_PORT.")
    var port: Int?

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
        if let host, host.isEmpty { throw ValidationError("--host must not be empty") }
    }

    func run() async throws {
        try await CommandFailure.reporting("serve") {
            let reader = try await APIConfiguration.reader(environmentFile: envFile)
            var configuration = try APIConfiguration(
                reader: reader, localDefaults: try EmbeddedDefaults.local(reader: reader))
            if let host { configuration.host = host }
            if let port { configuration.port = port }
            try await APIServer.run(configuration: configuration) { logger in
                try TracingBootstrap.bootstrap(serviceName: "zenglow-api", logger: logger).map { [$0] } ?? []
            }
        }
    }
}
