import Foundation
import Testing
import ZenGlowKeys

@testable import ZenGlowAPI

@Suite struct SchemaVersionTests {
    @Test("the schema version /health/ready expects is the newest migration in migrations/")
    func matchesNewestMigration() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("migrations").path)
        let newest = files.compactMap { Int($0.prefix(4)) }.max()
        #expect(newest == expectedSchemaVersion)
    }
}
