import Foundation
import Testing
import ZenGlowSpool
import ZenGlowTestSupport

extension SpoolClaimer.Outcome {
    var claim: SpoolClaim? {
        if case .claimed(let claim) = self { return claim }
        return nil
    }
}

@Suite("claims")
struct ClaimTests {
    static func spool() throws -> SpoolDirectory {
        let directory = SpoolDirectory(root: try TemporaryDirectory.make(prefix: "zenglow-claims") + "/spool")
        try directory.initialize()
        return directory
    }

    static func write(_ path: String, _ text: String = "x") {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    @Test("hidden, unfinished and still-open files are never claimed")
    func notReady() async throws {
        let directory = try Self.spool()
        let claimer = SpoolClaimer(directory: directory)
        Self.write(directory.path(.incoming, ".hidden.msgpack"))
        Self.write(directory.path(.incoming, "upload.msgpack.part"))
        Self.write(directory.path(.incoming, "ready.msgpack"))
        // Another process holding a file open for writing, as `cp` does while it copies.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.arguments = [
            "-c", "exec 3>>\"$0\"; echo opened; exec sleep 60", directory.path(.incoming, "writing.msgpack"),
        ]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        _ = output.fileHandleForReading.availableData  // "opened": the descriptor is open
        #expect(claimer.ready().map(\.name) == ["ready.msgpack"])
        holder.terminate()
        holder.waitUntilExit()
        #expect(claimer.ready().map(\.name).sorted() == ["ready.msgpack", "writing.msgpack"])
    }

    @Test("a claimed file cannot be claimed twice, and is reclaimed only once its worker lets go")
    func exclusive() throws {
        let directory = try Self.spool()
        Self.write(directory.path(.incoming, "one.msgpack"))
        let first = SpoolClaimer(directory: directory)
        let second = SpoolClaimer(directory: directory)
        var claim: SpoolClaim? = try first.claim("one.msgpack").claim
        #expect(claim?.attempt == 1)
        #expect(FileManager.default.fileExists(atPath: directory.path(.processing, "one.msgpack")))
        #expect(try second.claim("one.msgpack").claim == nil)
        #expect(try second.reclaimOrphans().isEmpty, "a held claim is not an orphan")
        // Dropping a claim unfinished is what a dead worker leaves: its lock goes with it.
        claim = nil
        let orphans = try second.reclaimOrphans()
        #expect(orphans.map(\.name) == ["one.msgpack"])
        #expect(orphans.first?.attempt == 2)
        #expect(orphans.first?.reclaimed == true)
        #expect(try first.reclaimOrphans().isEmpty, "and the new claim is exclusive again")
        let name = try orphans.first?.finish(to: .archive)
        #expect(name == "one.msgpack")
        #expect(directory.files(in: .processing).isEmpty)
        #expect(SpoolClaimer(directory: directory).ledger.entry("one.msgpack")?.attempts == 2)
    }

    @Test("a file of a name already in processing/ waits; archive names never collide")
    func names() throws {
        let directory = try Self.spool()
        Self.write(directory.path(.incoming, "same.msgpack"), "first")
        let claimer = SpoolClaimer(directory: directory)
        let held = try #require(try claimer.claim("same.msgpack").claim)
        Self.write(directory.path(.incoming, "same.msgpack"), "second")
        #expect(claimer.ready().isEmpty, "a file named like one in processing/ waits for it")
        #expect(try claimer.claim("same.msgpack").claim == nil)
        #expect(try held.finish(to: .archive) == "same.msgpack")
        #expect(claimer.ledger.entry("same.msgpack") != nil)
        let next = try #require(try claimer.claim("same.msgpack").claim)
        #expect(next.attempt == 1, "a new file under a remembered name starts afresh")
        #expect(try next.finish(to: .archive) == "same-2.msgpack")
        #expect(try String(contentsOfFile: directory.path(.archive, "same-2.msgpack"), encoding: .utf8) == "second")
    }

    @Test("spool init makes the folders; a missing or read-only one is named with the fix")
    func initAndCheck() throws {
        let root = try TemporaryDirectory.make(prefix: "zenglow-claims") + "/spool"
        let directory = SpoolDirectory(root: root)
        #expect(throws: SpoolError.self) { try directory.check() }
        do {
            try directory.check()
        } catch {
            #expect("\(error)".contains("\(root)/incoming is missing: run `zenglow spool init`"))
        }
        try directory.initialize()
        try directory.check()
        var status = stat()
        stat(directory.path(.incoming), &status)
        #expect(status.st_mode & 0o777 == 0o750)
    }
}
