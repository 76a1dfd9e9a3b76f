import Foundation
import Testing
import ZenGlowTestSupport

@Suite("zenglow spool")
struct SpoolCommandTests {
    static func spool() throws -> (root: String, environment: [String: String]) {
        let root = try TemporaryDirectory.make(prefix: "zenglow-spool-cli") + "/spool"
        return (root, ["SPOOL_DIR": root, "SPOOL_METRICS_PORT": "0", "EMBED_MODEL_DIR": TestModel.directory.url.path])
    }

    static func files(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    static let batch =
        #"{"tenant":"t1","batch_tag":"cli-1","documents":[{"id":"d1","chunks":[{"text":"hello spool"}]}]}"#

    @Test("spool run refuses to start without the folders, naming the folder and the fix; spool init makes them")
    func refusesWithoutFolders() async throws {
        let (root, environment) = try Self.spool()
        let refused = try await ZenGlowExecutable.run(["spool", "run"], environment: environment)
        #expect(refused.status == 1)
        #expect(
            refused.standardError.contains("\(root)/incoming is missing: run `zenglow spool init`"),
            "\(refused.standardError)")
        let created = try await ZenGlowExecutable.run(["spool", "init"], environment: environment)
        #expect(created.status == 0, "\(created.standardError)")
        #expect(Self.files(root) == [".gate", ".state", "archive", "failed", "incoming", "processing"])
        let status = try await ZenGlowExecutable.run(["spool", "status"], environment: environment)
        #expect(status.standardOutput.contains("incoming    0"))
    }

    @Test("spool put checks and publishes by rename; a bad file is refused with its place and nothing is published")
    func put() async throws {
        let (root, environment) = try Self.spool()
        _ = try await ZenGlowExecutable.run(["spool", "init"], environment: environment)
        let folder = try TemporaryDirectory.make(prefix: "zenglow-spool-cli")
        try Self.batch.write(toFile: "\(folder)/good.json", atomically: true, encoding: .utf8)
        try #"{"tenant":"t1","batch_tag":"cli-2","documents":[{"id":"d1","chunks":[{"text":7}]}]}"#.write(
            toFile: "\(folder)/bad.json", atomically: true, encoding: .utf8)
        let refused = try await ZenGlowExecutable.run(
            ["spool", "put", "\(folder)/good.json", "\(folder)/bad.json"], environment: environment)
        #expect(refused.status == 1)
        #expect(
            refused.standardError.contains(
                "bad.json: row 1, documents[0].chunks[0].text: must be a string [wrong_type]; nothing published"),
            "\(refused.standardError)")
        #expect(Self.files("\(root)/incoming").isEmpty, "nothing published when one file is refused")
        let published = try await ZenGlowExecutable.run(
            ["spool", "put", "--compress", "\(folder)/good.json"], environment: environment)
        #expect(published.status == 0, "\(published.standardError)")
        #expect(Self.files("\(root)/incoming") == ["good.msgpack.zst"])
        let dry = try await ZenGlowExecutable.run(["spool", "process", "--dry-run"], environment: environment)
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(dry.standardOutput.contains("ok good.msgpack.zst: 1 batches, 1 chunks (1 to embed)"))
        #expect(Self.files("\(root)/incoming") == ["good.msgpack.zst"], "a dry run moves nothing")
    }

    @Test(
        "spool append seals its segments at the end of input; a bad line names its number after sealing the lines before it"
    )
    func append() async throws {
        let (root, environment) = try Self.spool()
        _ = try await ZenGlowExecutable.run(["spool", "init"], environment: environment)
        let lines = (1...3).map { Self.batch.replacingOccurrences(of: "cli-1", with: "cli-\($0)") }
        let appended = try await ZenGlowExecutable.run(
            ["spool", "append", "--stream", "feed"], environment: environment,
            standardInput: lines.joined(separator: "\n") + "\n")
        #expect(appended.status == 0, "\(appended.standardError)")
        let segments = Self.files("\(root)/incoming")
        #expect(segments.count == 1 && segments[0].hasPrefix("feed-") && segments[0].hasSuffix(".segment"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(root)/incoming/\(segments[0])"))
        #expect(bytes.count > 12)

        let broken = try await ZenGlowExecutable.run(
            ["spool", "append", "--stream", "broken"], environment: environment,
            standardInput: lines[0] + "\n" + #"{"tenant":"t1","documents":[]}"# + "\n" + lines[1] + "\n")
        #expect(broken.status == 1)
        #expect(broken.standardError.contains("stdin line 2: batch_tag: is required"), "\(broken.standardError)")
        #expect(Self.files("\(root)/incoming").filter { $0.hasPrefix("broken-") }.count == 1, "line 1 was sealed")
        #expect(Self.files("\(root)/incoming").allSatisfy { !$0.hasPrefix(".") }, "no open segment is left behind")
    }
}
