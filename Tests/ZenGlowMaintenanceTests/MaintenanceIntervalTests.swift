import Testing
import ZenGlowMaintenance

@Suite("maintenance intervals")
struct MaintenanceIntervalTests {
    @Test("seconds, minutes and hours are read; a number alone is seconds")
    func reads() throws {
        #expect(try MaintenanceInterval(parsing: "60s").seconds == 60)
        #expect(try MaintenanceInterval(parsing: "1m").seconds == 60)
        #expect(try MaintenanceInterval(parsing: "30s").seconds == 30)
        #expect(try MaintenanceInterval(parsing: "2h").seconds == 7200)
        #expect(try MaintenanceInterval(parsing: "45").seconds == 45)
    }

    @Test("zero, negative and garbage are refused, naming the value and the form")
    func refuses() {
        for text in ["0", "0s", "-5s", "abc", "1.5m", "", "5d", "m"] {
            #expect(throws: MaintenanceError.self, "\(text)") { try MaintenanceInterval(parsing: text) }
        }
        #expect(throws: MaintenanceError("the interval must be longer than 0, e.g. 60s, 1m or 1h")) {
            try MaintenanceInterval(parsing: "0s")
        }
        let garbage = #expect(throws: MaintenanceError.self) { try MaintenanceInterval(parsing: "soon") }
        #expect(garbage?.message.contains("\"soon\"") == true)
    }

    @Test("pg_cron schedules: minutes dividing an hour, hours dividing a day; under a minute is refused")
    func cronSchedules() throws {
        #expect(try MaintenanceInterval(parsing: "1m").cronSchedule() == "* * * * *")
        #expect(try MaintenanceInterval(parsing: "15m").cronSchedule() == "*/15 * * * *")
        #expect(try MaintenanceInterval(parsing: "1h").cronSchedule() == "0 * * * *")
        #expect(try MaintenanceInterval(parsing: "6h").cronSchedule() == "0 */6 * * *")
        #expect(try MaintenanceInterval(parsing: "24h").cronSchedule() == "0 0 * * *")
        #expect(throws: MaintenanceError.self) { try MaintenanceInterval(parsing: "30s").cronSchedule() }
        #expect(throws: MaintenanceError.self) { try MaintenanceInterval(parsing: "90s").cronSchedule() }
        #expect(throws: MaintenanceError.self) { try MaintenanceInterval(parsing: "7m").cronSchedule() }
    }

    @Test("MAINTAIN_METRICS_PORT: default 9466, 0 for none, garbage refused naming the variable")
    func settings() throws {
        #expect(try MaintainerSettings(environment: [:]) == MaintainerSettings())
        #expect(try MaintainerSettings(environment: [:]).metricsPort == 9466)
        #expect(try MaintainerSettings(environment: ["MAINTAIN_METRICS_PORT": "0"]).metricsPort == 0)
        let refused = #expect(throws: MaintenanceError.self) {
            try MaintainerSettings(environment: ["MAINTAIN_METRICS_PORT": "lots"])
        }
        #expect(refused?.message.hasPrefix("MAINTAIN_METRICS_PORT=lots ") == true)
    }
}
