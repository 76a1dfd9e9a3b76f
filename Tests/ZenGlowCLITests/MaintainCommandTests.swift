import Foundation
import Logging
import PostgresNIO
import Testing
import ZenGlowTestSupport

@Suite("zenglow maintain")
struct MaintainCommandTests {
    @Test("maintain runs once: a line per step, the rollups' watermarks, exit 0; --json is the run's row")
    func once() async throws {
        let cli = try await CLITestDatabase.make()
        let outcome = try await cli.run("maintain")
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("maintenance success in ") == true, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("partitions: ") && $0.contains(" created, ") })
        #expect(lines.contains { $0.hasPrefix("rows: ") && $0.hasSuffix(" deleted") })
        let rollups = try #require(lines.first { $0.hasPrefix("rollups: ") })
        #expect(rollups.contains("5m to ") && rollups.contains("1h to ") && rollups.contains("1d to "), "\(rollups)")
        #expect(outcome.standardError.isEmpty)

        let json = try await cli.run("maintain", "--json")
        #expect(json.status == 0, "\(json.standardError)")
        let run = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        #expect(run?["outcome"] as? String == "success")
        #expect(run?["rollups"] is [String: Any])
        #expect(
            try await cli.value("select count(*)::text from zenglow.maintenance_runs where trigger = 'scheduled'")
                == "2")
    }

    @Test("a failed step is exit 1 and one error line naming the step")
    func failedStep() async throws {
        let cli = try await CLITestDatabase.make()
        // Unreadable settings break every step that reads them.
        _ = try await cli.value(
            "alter table zenglow.maintenance_settings rename to maintenance_settings_hidden")
        let outcome = try await cli.run("maintain")
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput.hasPrefix("maintenance partial"), "\(outcome.standardOutput)")
        #expect(outcome.standardError.hasPrefix("zenglow maintain: partial: "), "\(outcome.standardError)")
        #expect(outcome.standardError.split(separator: "\n").count == 1)
    }

    @Test("while another session holds the maintenance lock, maintain says so and exits 0")
    func lockHeld() async throws {
        let cli = try await CLITestDatabase.make()
        let outcome = try await cli.database.withConnection { connection in
            // A session lock on run_maintenance's key: its pg_try_advisory_xact_lock fails.
            _ = try await connection.query(
                "select pg_advisory_lock(hashtextextended('zenglow.run_maintenance', 0))",
                logger: CLITestDatabase.logger
            ).collect()
            return try await cli.run("maintain")
        }
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.hasPrefix("maintenance skipped in "), "\(outcome.standardOutput)")
        #expect(outcome.standardOutput.contains("another run held the lock"))
        #expect(
            try await cli.value("select outcome from zenglow.maintenance_runs order by run_id desc limit 1")
                == "skipped_locked")
    }
}
