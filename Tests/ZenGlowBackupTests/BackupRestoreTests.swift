import Foundation
import PostgresNIO
import Testing
import ZenGlowBackup
import ZenGlowTestSupport

@Suite("backup and restore")
struct BackupRestoreTests {
    @Test(
        "a restored backup answers rag_query exactly like the original, matches its manifest, has its own installation")
    func roundTrip() async throws {
        let original = try await BackupTestCorpus.make()
        let directory = try TemporaryDirectory.make()
        let report = try await BackupTestCorpus.backup(original, directory: directory)
        #expect(report.phases.map(\.name) == ["dump", "manifest", "prune"])

        let manifest = try BackupManifest.read(from: report.manifestFile)
        for file in [report.dumpFile, report.manifestFile] {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file) is private: it holds every tenant's data")
        }
        #expect(manifest == report.manifest)
        let applied = try await BackupTestCorpus.value(
            original, "select max(version)::text from zenglow_migrations.history where status = 'applied'")
        #expect(applied.flatMap(Int.init).map { manifest.schemaVersion == $0 } == true, "applied \(applied ?? "none")")
        #expect(manifest.rowCounts["zenglow.chunks"] == 12, "both tenants' chunks, counted through the parent")
        #expect(manifest.rowCounts["zenglow.query_performance"] == 5, "the hypertable's rows over several chunks")
        #expect(manifest.rowCounts.keys.contains { $0.hasPrefix("zenglow.chunks_") } == false, "no partitions")
        #expect(manifest.rowCounts["zenglow.backup_runs"] == 0, "the dump does not hold its own run")
        let acme = try #require(manifest.auditChainHeads["acme"])
        #expect(acme.seq >= 2 && acme.hash.count == 64)
        #expect(
            try await BackupTestCorpus.value(original, "select count(*)::text from zenglow.chunks") == "12")
        #expect(
            try await BackupTestCorpus.value(
                original,
                "select outcome || ' ' || sha256 from zenglow.backup_runs where backup_id = \(report.backupID)")
                == "success \(manifest.sha256)")

        let target = original.name + "_restored"
        let restored = try await BackupTestCorpus.restore(original, file: report.dumpFile, into: target)
        #expect(restored.differences == [], "\(restored.differences)")
        #expect(restored.phases.map(\.name) == ["check", "create", "restore", "verify"])
        let copy = original.databaseURL.with(database: target)

        let expected = try await BackupTestCorpus.answers(original.databaseURL)
        #expect(expected.allSatisfy { !$0.hasSuffix(": []") }, "every query finds something")
        let answers = try await BackupTestCorpus.answers(copy)
        #expect(answers == expected, "same chunks, same order, same scores")

        let originalID = try await BackupTestCorpus.value(original, "select id::text from zenglow.installation")
        let copyID = try await BackupTestCorpus.value(copy, "select id::text from zenglow.installation")
        #expect(originalID == manifest.installationID)
        #expect(copyID == restored.installationID)
        #expect(copyID != originalID, "the copy never shares cache keys with the original")
        #expect(
            try await BackupTestCorpus.value(
                copy, "select count(*)::text from zenglow_audit.verify_chain('acme') where ok")
                == "1")
    }

    @Test("a dump with one flipped byte is refused before any database is created")
    func corruptedDump() async throws {
        let original = try await BackupTestCorpus.make()
        let report = try await BackupTestCorpus.backup(original, directory: try TemporaryDirectory.make())
        var bytes = try Data(contentsOf: URL(fileURLWithPath: report.dumpFile))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: report.dumpFile))

        let target = original.name + "_corrupt"
        let error = await #expect(throws: BackupError.self) {
            try await BackupTestCorpus.restore(original, file: report.dumpFile, into: target)
        }
        #expect(error?.code == .checksumMismatch)
        #expect(error?.exitCode == 3)
        #expect(error?.message.contains(report.manifest.sha256) == true, "\(error?.message ?? "")")
        #expect(try await BackupTestCorpus.exists(original, target) == false)
    }

    @Test("restoring into an existing database is refused, and that database is left untouched")
    func existingTarget() async throws {
        let original = try await BackupTestCorpus.make()
        let report = try await BackupTestCorpus.backup(original, directory: try TemporaryDirectory.make())
        let before = try await BackupTestCorpus.value(original, "select count(*)::text from zenglow.chunks")
        let error = await #expect(throws: BackupError.self) {
            try await BackupTestCorpus.restore(original, file: report.dumpFile, into: original.name)
        }
        #expect(error?.code == .targetExists)
        #expect(error?.message.contains("database \(original.name) already exists") == true)
        #expect(try await BackupTestCorpus.value(original, "select count(*)::text from zenglow.chunks") == before)
    }

    @Test("--keep 2 leaves the two newest backups of this database and no other of its files")
    func retention() async throws {
        let original = try await BackupTestCorpus.make()
        let directory = try TemporaryDirectory.make()
        // Another database's backup in the same folder is not this one's to prune.
        let other = try await BackupTestCorpus.backup(
            try await TestServers.shared.makeSchemaDatabase(), directory: directory, keep: 1)
        var reports: [BackupReport] = []
        for _ in 0..<4 { reports.append(try await BackupTestCorpus.backup(original, directory: directory, keep: 2)) }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        let expected = ([other] + reports.suffix(2)).flatMap { [$0.dumpFile, $0.manifestFile] }
            .map { URL(fileURLWithPath: $0).lastPathComponent }.sorted()
        #expect(names == expected)
        #expect(
            reports[2].pruned.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted()
                == [reports[0].dumpFile, reports[0].manifestFile].map { URL(fileURLWithPath: $0).lastPathComponent }
                .sorted())
        #expect(
            try await BackupTestCorpus.value(
                original, "select count(*)::text from zenglow.backup_runs where outcome = 'success'") == "4")
    }

    @Test("keep 1 with the folder spelt unstandardized keeps the backup just made and removes the one before")
    func keepOneKeepsTheNewest() async throws {
        let original = try await BackupTestCorpus.make()
        let spelt = try TemporaryDirectory.make() + "/./"
        let first = try await BackupTestCorpus.backup(original, directory: spelt, keep: 1)
        let second = try await BackupTestCorpus.backup(original, directory: spelt, keep: 1)
        #expect(FileManager.default.fileExists(atPath: second.dumpFile))
        #expect(FileManager.default.fileExists(atPath: second.manifestFile))
        #expect(!FileManager.default.fileExists(atPath: first.dumpFile))
    }

    @Test("a dump that fails leaves no file in the folder and a failed run naming why")
    func failedDump() async throws {
        let original = try await BackupTestCorpus.make()
        let directory = try TemporaryDirectory.make()
        try await original.withConnection { blocker in
            try await blocker.execute("begin", logger: BackupTestCorpus.logger)
            try await blocker.execute(
                "lock table zenglow.tenants in access exclusive mode", logger: BackupTestCorpus.logger)
            let error = await #expect(throws: BackupError.self) {
                try await DatabaseBackup(
                    url: original.databaseURL,
                    configuration: BackupConfiguration(directory: directory, keep: 7, lockWaitSeconds: 1),
                    tools: BackupTestCorpus.tools(), logger: BackupTestCorpus.logger
                ).run()
            }
            #expect(error?.code == .dumpFailed)
            #expect(error?.message.contains("pg_dump failed") == true, "\(error?.message ?? "")")
            #expect(error?.message.contains("recorded as failed run") == true, "\(error?.message ?? "")")
            try await blocker.execute("rollback", logger: BackupTestCorpus.logger)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [])
        let row = try await BackupTestCorpus.value(
            original, "select outcome || ': ' || error from zenglow.backup_runs order by backup_id desc limit 1")
        #expect(row?.hasPrefix("failed: pg_dump failed") == true, "\(row ?? "no row")")
        #expect(row?.contains("LOCK TABLE zenglow.tenants") == true, "\(row ?? "")")
    }
}
