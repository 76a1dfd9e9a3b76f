import Foundation
import Testing
import ZenGlowDoctor
import ZenGlowEmbedded

@Suite("zenglow doctor")
struct DoctorTests {
    @Test("on a bootstrapped machine every component is found, TimescaleDB as the Apache build")
    func bootstrappedMachine() throws {
        let report = DoctorReport(checks: Doctor(configuration: EmbeddedConfiguration()).run())
        let byName = Dictionary(uniqueKeysWithValues: report.checks.map { ($0.component, $0) })
        #expect(report.healthy, "missing: \(report.checks.filter { !$0.ok }.map(\.component))")
        #expect(byName["PostgreSQL"]?.version?.hasPrefix("15.") == true)
        #expect(byName["pgvector"]?.version?.hasPrefix("0.8") == true)
        #expect(byName["TimescaleDB"]?.version?.hasPrefix("2.") == true)
        #expect(byName["TimescaleDB"]?.detail == "license: apache")
        #expect(byName["Redis"]?.version?.hasPrefix("7.") == true)
        #expect(byName["libzstd"]?.version?.hasPrefix("1.") == true)
        #expect(byName["hiredis"]?.ok == true)
        #expect(try report.json().contains("\"healthy\" : true"))
    }

    @Test("missing servers are reported with the fix, and the report is unhealthy")
    func missingComponents() throws {
        let nowhere = "/nonexistent/zenglow"
        let configuration = EmbeddedConfiguration(postgresBinDirectory: nowhere, redisBinDirectory: nowhere)
        let report = DoctorReport(checks: Doctor(configuration: configuration).run())
        let missing = Set(report.checks.filter { !$0.ok }.map(\.component))
        #expect(missing == ["PostgreSQL", "pgvector", "TimescaleDB", "pgTAP", "Redis"])
        #expect(!report.healthy)
        #expect(report.checks.filter { !$0.ok }.allSatisfy { $0.fix?.contains("scripts/bootstrap") == true })
        #expect(report.text().contains("missing  PostgreSQL"))
    }
}
