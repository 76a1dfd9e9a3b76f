import Foundation
import Testing
import ZenGlowBackup

@Suite("backup manifests")
struct BackupManifestTests {
    static let manifest = BackupManifest(
        createdAt: Date(timeIntervalSince1970: 1_800_000_000.123), database: "zenglow",
        installationID: "6f1c1d2e-0000-4000-8000-000000000001", schemaVersion: 23,
        rowCounts: ["zenglow.chunks": 12], auditChainHeads: ["acme": AuditChainHead(seq: 3, hash: "ab")],
        dumpFile: "zenglow-zenglow-20270115T080000.123Z.dump", sha256: String(repeating: "a", count: 64),
        sizeBytes: 1234, pgDumpVersion: "pg_dump (PostgreSQL) 15.20", serverVersion: "15.20",
        extensions: ["timescaledb": "2.17.2"])

    @Test("a manifest's JSON keys are snake_case and it reads back equal, to the millisecond")
    func roundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("m.manifest.json").path
        try Self.manifest.encoded().write(to: URL(fileURLWithPath: path))
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            object.keys.sorted() == [
                "audit_chain_heads", "created_at", "database", "dump_file", "extensions", "format", "installation_id",
                "pg_dump_version", "row_counts", "schema_version", "server_version", "sha256", "size_bytes",
            ])
        #expect(object["created_at"] as? String == "2027-01-15T08:00:00.123Z")
        #expect(try BackupManifest.read(from: path) == Self.manifest)
    }

    @Test("a manifest missing a field is refused, naming the file and the field")
    func missingField() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString + ".json").path
        var object = try #require(JSONSerialization.jsonObject(with: Self.manifest.encoded()) as? [String: Any])
        object["sha256"] = nil
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: BackupError.self) { try BackupManifest.read(from: path) }
        #expect(error?.message == "\(path) is not a backup manifest: field sha256 is missing")
        #expect(error?.exitCode == 3)
    }

    @Test("a backup's files are named after the database and the UTC time; a manifest path names its dump")
    func names() {
        let files = BackupFiles.new(
            database: "zen glow", at: Date(timeIntervalSince1970: 1_800_000_000.5), in: "/var/backups")
        #expect(files.dumpPath == "/var/backups/zenglow-zen_glow-20270115T080000.500Z.dump")
        #expect(files.manifestPath == "/var/backups/zenglow-zen_glow-20270115T080000.500Z.manifest.json")
        #expect(BackupFiles(path: files.manifestPath) == files)
        #expect(BackupFiles(path: files.dumpPath) == files)
    }
}
