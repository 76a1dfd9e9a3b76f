import Foundation
import PostgresNIO
import Testing
import ZenGlowTestSupport

@Suite("zenglow maintain schedule")
struct MaintainScheduleTests {
    /// The jobs pg_cron keeps for `database` (its tables live in the cluster's postgres database).
    static func jobs(_ cli: CLITestDatabase) async throws -> [String] {
        let job = "zenglow-maintenance:\(cli.database.name)"
        return try await cli.database.databaseURL.with(database: "postgres").withConnection(
            applicationName: "test-cron", logger: CLITestDatabase.logger
        ) { connection in
            var schedules: [String] = []
            let rows = try await connection.query(
                "select schedule from cron.job where jobname = \(job) and database = \(cli.database.name)",
                logger: CLITestDatabase.logger)
            for try await schedule in rows.decode(String.self) { schedules.append(schedule) }
            return schedules
        }
    }

    @Test(
        "schedule makes exactly one job, a second call updates it, pg_cron runs it as scheduler pg_cron, --remove removes it"
    )
    func schedules() async throws {
        let cli = try await CLITestDatabase.make()
        // The cluster is shared by every test: whatever happens, this database's job goes.
        defer {
            Task { _ = try? await cli.run("maintain", "schedule", "--remove") }
        }
        let created = try await cli.run("maintain", "schedule", "--every", "5m")
        #expect(created.status == 0, "\(created.standardError)")
        #expect(created.standardOutput.hasPrefix("created pg_cron job zenglow-maintenance:\(cli.database.name) "))
        #expect(try await Self.jobs(cli) == ["*/5 * * * *"])

        let updated = try await cli.run("maintain", "schedule")
        #expect(updated.status == 0, "\(updated.standardError)")
        #expect(updated.standardOutput.hasPrefix("updated pg_cron job "))
        #expect(try await Self.jobs(cli) == ["* * * * *"], "a second call updates the one job, never adds one")

        // pg_cron starts it at the next whole minute.
        let ran = try await eventually(within: .seconds(150), every: .seconds(1)) {
            try await cli.value("select count(*)::text from zenglow.maintenance_runs where scheduler = 'pg_cron'")
                != "0"
        }
        #expect(ran, "pg_cron ran zenglow.run_maintenance(p_scheduler => 'pg_cron') in this database")

        let removed = try await cli.run("maintain", "schedule", "--remove")
        #expect(removed.status == 0, "\(removed.standardError)")
        #expect(removed.standardOutput.hasPrefix("removed pg_cron job zenglow-maintenance:\(cli.database.name) "))
        #expect(try await Self.jobs(cli).isEmpty)
        let again = try await cli.run("maintain", "schedule", "--remove")
        #expect(again.standardOutput.hasPrefix("no pg_cron job "), "\(again.standardOutput)")
    }

    @Test("an interval pg_cron cannot keep, or --every with --cron, is refused naming the fix")
    func refuses() async throws {
        let cli = try await CLITestDatabase.make()
        let seconds = try await cli.run("maintain", "schedule", "--every", "30s")
        #expect(seconds.status == 64)
        #expect(seconds.standardError.contains("at most once a minute"), "\(seconds.standardError)")
        #expect(seconds.standardError.contains("zenglow maintain run --every 30s"))
        let both = try await cli.run("maintain", "schedule", "--every", "1m", "--cron", "* * * * *")
        #expect(both.status == 64)
        let garbage = try await cli.run("maintain", "schedule", "--cron", "whenever")
        #expect(garbage.status == 1)
        #expect(
            garbage.standardError.contains("pg_cron does not accept the schedule \"whenever\""),
            "\(garbage.standardError)")
        #expect(try await Self.jobs(cli).isEmpty)
    }
}
