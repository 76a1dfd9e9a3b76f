import ArgumentParser
import ZenGlowSpool

/// `zenglow spool init`: creates the spool folders.
struct SpoolInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create SPOOL_DIR's incoming/, processing/, archive/ and failed/ (mode 0750, the service user's)."
    )

    @OptionGroup var options: SpoolOptions

    func run() async throws {
        try await CommandFailure.reporting("spool init") {
            let configuration = try await SpoolSettings.load(options)
            let created = try configuration.directory.initialize()
            print(
                created.isEmpty
                    ? "spool \(configuration.directory.root): every folder was there (modes set to 0750)"
                    : "spool \(configuration.directory.root): created \(created.count) folders")
        }
    }
}
