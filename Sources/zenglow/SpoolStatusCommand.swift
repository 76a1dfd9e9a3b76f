import ArgumentParser
import Foundation
import ZenGlowSpool

/// `zenglow spool status`: how many files each folder holds, and why the latest failed.
struct SpoolStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print the number of files in each spool folder and the reasons of the latest failures."
    )

    @OptionGroup var options: SpoolOptions

    func run() async throws {
        try await CommandFailure.reporting("spool status") {
            let configuration = try await SpoolSettings.load(options)
            let directory = configuration.directory
            try directory.check()
            print("spool \(directory.root)")
            for folder in SpoolFolder.allCases {
                let count = directory.files(in: folder).filter { !$0.name.hasSuffix(".reason.json") }.count
                print("  \(folder.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(count)")
            }
            let reasons = directory.files(in: .failed).filter { $0.name.hasSuffix(".reason.json") }.suffix(10)
            if !reasons.isEmpty { print("latest failures:") }
            for entry in reasons {
                guard let data = FileManager.default.contents(atPath: directory.path(.failed, entry.name)),
                    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
                else { continue }
                print("  \(object["file"] ?? entry.name): \(object["reason"] ?? "?"): \(object["message"] ?? "")")
            }
        }
    }
}
