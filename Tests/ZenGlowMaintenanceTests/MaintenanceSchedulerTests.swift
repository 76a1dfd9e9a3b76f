import Logging
import PostgresNIO
import Testing
import ZenGlowMaintenance
import ZenGlowTestSupport

@Suite("maintenance schedulers")
struct MaintenanceSchedulerTests {
    @Test("every scheduler's name is one maintenance_runs accepts, and an unknown one is refused")
    func namesMatchTheSchema() async throws {
        let database = try await TestServers.shared.makeSchemaDatabase()
        try await database.withConnection { connection in
            for scheduler in MaintenanceScheduler.allCases {
                try await connection.query(
                    "insert into zenglow.maintenance_runs (trigger, outcome, scheduler) values ('scheduled', 'success', \(scheduler.rawValue))",
                    logger: Logger(label: "test.maintenance"))
            }
            await #expect(throws: PSQLError.self) {
                try await connection.query(
                    "insert into zenglow.maintenance_runs (trigger, outcome, scheduler) values ('scheduled', 'success', 'cron')",
                    logger: Logger(label: "test.maintenance"))
            }
        }
    }
}
