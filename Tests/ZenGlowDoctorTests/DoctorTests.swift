import Foundation
import Testing
import ZenGlowDoctor
import ZenGlowEmbedded
import ZenGlowEmbedding
import ZenGlowTestSupport

@Suite("zenglow doctor")
struct DoctorTests {
    @Test("on a bootstrapped machine every component is found, TimescaleDB as the Apache build")
    func bootstrappedMachine() throws {
        let report = DoctorReport(
            checks: Doctor(configuration: EmbeddedConfiguration(), modelDirectory: TestModel.directory).run())
        let byName = Dictionary(uniqueKeysWithValues: report.checks.map { ($0.component, $0) })
        #expect(report.healthy, "missing: \(report.checks.filter { !$0.ok }.map(\.component))")
        #expect(byName["PostgreSQL"]?.version?.hasPrefix("15.") == true)
        #expect(byName["pgvector"]?.version?.hasPrefix("0.8") == true)
        #expect(byName["TimescaleDB"]?.version?.hasPrefix("2.") == true)
        #expect(byName["TimescaleDB"]?.detail == "license: apache")
        #expect(byName["Redis"]?.version?.hasPrefix("7.") == true)
        #expect(byName["libzstd"]?.version?.hasPrefix("1.") == true)
        #expect(byName["hiredis"]?.ok == true)
        #expect(byName["OpenBLAS"]?.version?.hasPrefix("0.3") == true)
        #expect(byName["embedding model"]?.version == "all-MiniLM-L6-v2")
        #expect(byName["embedding model"]?.detail == TestModel.directory.url.path + ", sha256 ok")
        #expect(try report.json().contains("\"healthy\" : true"))
    }

    @Test("missing servers are reported with the fix, and the report is unhealthy")
    func missingComponents() throws {
        let nowhere = "/nonexistent/zenglow"
        let configuration = EmbeddedConfiguration(postgresBinDirectory: nowhere, redisBinDirectory: nowhere)
        let model = ModelDirectory(url: URL(fileURLWithPath: nowhere + "/model"))
        let report = DoctorReport(checks: Doctor(configuration: configuration, modelDirectory: model).run())
        let missing = Set(report.checks.filter { !$0.ok }.map(\.component))
        #expect(missing == ["PostgreSQL", "pgvector", "TimescaleDB", "pgTAP", "Redis", "embedding model"])
        #expect(!report.healthy)
        #expect(report.checks.filter { !$0.ok }.allSatisfy { $0.fix?.contains("scripts/bootstrap") == true })
        let modelFix = report.checks.first { $0.component == "embedding model" }?.fix ?? ""
        #expect(modelFix.contains(nowhere + "/model does not exist"))
        #expect(report.text().contains("missing  PostgreSQL"))
    }
}
