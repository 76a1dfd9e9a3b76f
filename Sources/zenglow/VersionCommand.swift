import ArgumentParser
import ZenGlowDoctor

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print ZenGlow's version.")

    func run() {
        print("zenglow \(ZenGlowVersion.current)")
    }
}
