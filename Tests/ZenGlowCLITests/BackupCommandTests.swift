import Foundation
import Testing
import ZenGlowTestSupport

@Suite("zenglow backup and restore")
struct BackupCommandTests {
    static func names(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    @Test("backup prints a line per phase with its duration; BACKUP_DIR and BACKUP_KEEP are the defaults")
    func backupLines() async throws {
        let cli = try await CLITestDatabase.make()
        let directory = try TemporaryDirectory.make()
        let environment = cli.environment.merging(["BACKUP_DIR": directory, "BACKUP_KEEP": "1"]) { $1 }
        for _ in 0..<2 {
            let outcome = try await ZenGlowExecutable.run(["backup"], environment: environment)
            #expect(outcome.status == 0, "\(outcome.standardError)")
            let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
            for (line, phase) in zip(lines, ["dump", "manifest", "prune"]) {
                #expect(
                    line.range(of: "^\(phase) +[0-9]+\\.[0-9]{2} s  ", options: .regularExpression) != nil, "\(line)")
            }
            #expect(lines.last?.hasPrefix("backup ") == true && lines.last?.contains(directory) == true, "\(lines)")
            #expect(outcome.standardError.isEmpty, "\(outcome.standardError)")
        }
        let names = try Self.names(directory)
        #expect(names.count == 2, "BACKUP_KEEP=1 kept one dump and its manifest: \(names)")
        #expect(names.contains { $0.hasSuffix(".dump") } && names.contains { $0.hasSuffix(".manifest.json") })
    }

    @Test("--keep 0 and BACKUP_KEEP=x are refused with exit 2, naming the value")
    func badKeep() async throws {
        let cli = try await CLITestDatabase.make()
        let directory = try TemporaryDirectory.make()
        let flag = try await cli.run("backup", "--dir", directory, "--keep", "0")
        #expect(flag.status == 2)
        #expect(flag.standardError == "zenglow backup: --keep is 0; it must be at least 1\n")
        let variable = try await ZenGlowExecutable.run(
            ["backup", "--dir", directory], environment: cli.environment.merging(["BACKUP_KEEP": "x"]) { $1 })
        #expect(variable.status == 2)
        #expect(variable.standardError == "zenglow backup: BACKUP_KEEP='x' is not a whole number (at least 1)\n")
        #expect(try Self.names(directory) == [])
    }

    @Test("restore --json verifies; a second restore under the same name and a corrupt dump exit 3, creating nothing")
    func restoreExitCodes() async throws {
        let cli = try await CLITestDatabase.make()
        let directory = try TemporaryDirectory.make()
        let backup = try await cli.run("backup", "--dir", directory, "--json")
        #expect(backup.status == 0, "\(backup.standardError)")
        let report = try #require(
            JSONSerialization.jsonObject(with: Data(backup.standardOutput.utf8)) as? [String: Any])
        let dump = try #require(report["dump_file"] as? String)
        #expect(
            (report["phases"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == [
                "dump", "manifest", "prune",
            ])
        #expect(backup.standardError.contains("dump "), "phase lines go to standard error with --json")

        let target = cli.database.name + "_copy"
        let restored = try await cli.run("restore", dump, "--into", target, "--json")
        #expect(restored.status == 0, "\(restored.standardError)")
        let restoreReport = try JSONSerialization.jsonObject(with: Data(restored.standardOutput.utf8)) as? [String: Any]
        #expect(restoreReport?["verified"] as? Bool == true)
        #expect(restoreReport?["installation_id"] as? String != restoreReport?["original_installation_id"] as? String)

        let again = try await cli.run("restore", dump, "--into", target)
        #expect(again.status == 3)
        #expect(
            again.standardError.hasPrefix("zenglow restore: database \(target) already exists"),
            "\(again.standardError)")

        var bytes = try Data(contentsOf: URL(fileURLWithPath: dump))
        bytes[bytes.count - 10] ^= 0xff
        try bytes.write(to: URL(fileURLWithPath: dump))
        let corrupt = try await cli.run("restore", dump, "--into", target + "2")
        #expect(corrupt.status == 3)
        #expect(corrupt.standardError.contains("is not the dump its manifest describes"), "\(corrupt.standardError)")
        #expect(try await cli.value("select count(*)::text from pg_database where datname = '\(target)2'") == "0")
    }

    @Test("a restore that differs from its manifest exits 4 naming the table, and leaves the database")
    func verificationFailure() async throws {
        let cli = try await CLITestDatabase.make()
        let directory = try TemporaryDirectory.make()
        let backup = try await cli.run("backup", "--dir", directory, "--json")
        #expect(backup.status == 0, "\(backup.standardError)")
        let report = try #require(
            JSONSerialization.jsonObject(with: Data(backup.standardOutput.utf8)) as? [String: Any])
        let manifestPath = try #require(report["manifest_file"] as? String)
        // The manifest claims one tenant more than the dump holds (the dump itself is intact).
        var manifest = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifestPath))) as? [String: Any])
        var counts = try #require(manifest["row_counts"] as? [String: Int])
        let tenants = try #require(counts["zenglow.tenants"])
        counts["zenglow.tenants"] = tenants + 1
        manifest["row_counts"] = counts
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: manifestPath))

        let target = cli.database.name + "_differs"
        let restored = try await cli.run("restore", manifestPath, "--into", target)
        #expect(restored.status == 4, "\(restored.standardError)")
        #expect(
            restored.standardError.contains(
                "zenglow restore: row_counts.zenglow.tenants: the manifest says \(tenants + 1) rows, "
                    + "the restored database has \(tenants) rows"), "\(restored.standardError)")
        #expect(restored.standardError.contains("database \(target) was left as it is, for inspection"))
        #expect(try await cli.value("select count(*)::text from pg_database where datname = '\(target)'") == "1")
    }
}
