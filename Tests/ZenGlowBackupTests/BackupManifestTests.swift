import Foundation
import Testing
import ZenGlowBackup

@Suite("backup manifests")
struct BackupManifestTests {
    @Test("a manifest's JSON keys are snake_case and it reads back equal")
    func roundTrip() throws {
        let manifest = BackupManifest(
            createdAt: Date(timeIntervalSince1970: 1_800_000_000), schemaVersion: 23,
            rowCounts: ["zenglow.chunks": 12], sha256: String(repeating: "a", count: 64))
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(manifest)
        let keys = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any]).keys.sorted()
        #expect(keys == ["created_at", "row_counts", "schema_version", "sha256"])
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(BackupManifest.self, from: data) == manifest)
    }
}
