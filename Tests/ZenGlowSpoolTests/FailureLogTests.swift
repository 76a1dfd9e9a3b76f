import Foundation
import Testing
import ZenGlowSpool
import ZenGlowTestSupport

@Suite("Failure log")
struct FailureLogTests {
    private func lines(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test("the log is created 0600 and gets one JSON object per line with every key")
    func createsAndAppends() throws {
        let root = try TemporaryDirectory.make(prefix: "zenglow-failures")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = "\(root)/failures.jsonl"
        try FailureLog(path: path).append(
            .init(
                batchTag: nil, tenant: nil, reason: "zstd_bomb", healed: false, file: "a.msgpack.zst",
                message: "expands past 1073741824 bytes", at: Date(timeIntervalSince1970: 1_795_000_000.5)))
        // A second value on the same file (a restarted worker) appends after the first line.
        try FailureLog(path: path).append(
            .init(
                batchTag: "b1", tenant: "t1", reason: "partition_missing", healed: true, file: "b.msgpack",
                message: "created the partition\nand loaded"))

        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let entries = try lines(path)
        try #require(entries.count == 2)
        #expect(Set(entries[0].keys) == ["batch_tag", "tenant", "reason", "healed", "file", "message", "at"])
        #expect(entries[0]["batch_tag"] is NSNull)
        #expect(entries[0]["at"] as? String == "2026-11-18T11:06:40.500Z")
        #expect(entries[0]["reason"] as? String == "zstd_bomb")
        #expect(entries[1]["healed"] as? Bool == true)
        #expect(entries[1]["message"] as? String == "created the partition\nand loaded")
    }

    @Test("two logs appending at once to one file keep every line")
    func concurrentAppends() async throws {
        let root = try TemporaryDirectory.make(prefix: "zenglow-failures")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = "\(root)/failures.jsonl"
        let logs = [try FailureLog(path: path), try FailureLog(path: path)]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<100 {
                group.addTask {
                    try logs[index % 2].append(
                        .init(
                            batchTag: "b\(index)", tenant: "t1", reason: "database", healed: false, file: "f",
                            message: String(repeating: "x", count: 500)))
                }
            }
            try await group.waitForAll()
        }
        let tags = try lines(path).compactMap { $0["batch_tag"] as? String }
        #expect(Set(tags) == Set((0..<100).map { "b\($0)" }))
        #expect(tags.count == 100)
    }

    @Test("an existing log others can read is refused, naming the path and the fix")
    func refusesWideMode() throws {
        let root = try TemporaryDirectory.make(prefix: "zenglow-failures")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = "\(root)/failures.jsonl"
        _ = FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o644])
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect {
            try FailureLog(path: path)
        } throws: { error in
            guard let error = error as? ReportError else { return false }
            return error.code == .insecureFailureLog && error.message.contains(path)
                && error.message.contains("chmod 600 \(path)")
        }

        // Widened after the worker started: the next line is refused too, and nothing is written.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let log = try FailureLog(path: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        #expect(throws: ReportError.self) {
            try log.append(
                .init(batchTag: nil, tenant: nil, reason: "database", healed: false, file: "f", message: "m"))
        }
        #expect(FileManager.default.contents(atPath: path)?.isEmpty == true)
    }
}
