import Foundation
import Testing
import ZenGlowIngest
import ZenGlowSpool
import ZenGlowTestSupport

@Suite("poison files")
struct SpoolPoisonTests {
    typealias Env = SpoolTestEnvironment

    /// Files that must each end in failed/ with `reason`, one good file after them.
    static func poison() throws -> [(name: String, bytes: [UInt8], reason: String)] {
        let good = Env.encode(Env.batch(tag: "poison-good"))
        var wrongType = Env.batch(tag: "poison-types")
        if case .map(var pairs) = wrongType {
            pairs[3] = (.string("documents"), .string("not an array"))
            wrongType = .map(pairs)
        }
        // 10,000 nested arrays: refused at the decoder's depth bound, never recursed into.
        let deep = [UInt8](repeating: 0x91, count: 10_000) + [0xc0]
        // A chunk's text whose bytes are not UTF-8.
        var invalidUTF8 = Env.encode(Env.batch(tag: "poison-utf8"))
        let marker = Array("spool test text".utf8)
        if let start = invalidUTF8.firstRange(of: marker)?.lowerBound { invalidUTF8[start] = 0xff }
        // 64 MiB of zeros compress to a few kilobytes: over a 1 MiB decompression limit.
        let bomb = try Zstd.compress([UInt8](repeating: 0, count: 64 << 20))
        let frames = SegmentFrames.frame(good)
        let pastTheEnd = frames + [0x00, 0x10, 0x00, 0x00] + Array(good.prefix(10))
        return [
            ("truncated.msgpack", Array(good.prefix(good.count / 2)), "truncated"),
            ("types.msgpack", Env.encode(wrongType), "wrong_type"),
            ("deep.msgpack", deep, "too_deep"),
            ("utf8.msgpack", invalidUTF8, "invalid_utf8"),
            ("bomb.msgpack.zst", bomb, "zstd_bomb"),
            ("frame.segment", pastTheEnd, "frame_length"),
            ("notes.txt", Array("hello".utf8), "unknown_format"),
        ]
    }

    @Test("each poison file goes to failed/ with its reason and place; later files are still processed")
    func poisonFiles() async throws {
        var spool = try await Env.make()
        spool.configuration.maxDecompressedBytes = 1 << 20
        for file in try Self.poison() { try spool.drop(file.bytes, as: file.name) }
        try spool.drop(Env.encode(Env.batch(tag: "after-poison")), as: "zz-after.msgpack")
        let report = try await spool.withRunner { try #require(try await $0.run()) }
        #expect(report.reason == .failed)
        #expect(spool.names(in: .archive) == ["zz-after.msgpack"])
        #expect(try await spool.chunks(tenant: "t1") == 2 + 2)  // zz-after and the good frame of frame.segment
        for file in try Self.poison() {
            let reason = try spool.reason(file.name)
            #expect(reason["reason"] as? String == file.reason, "\(file.name)")
            #expect((reason["message"] as? String)?.isEmpty == false, "\(file.name)")
        }
        // The failure names its place: the byte offset of the depth bound, the frame past the end.
        #expect(try spool.reason("deep.msgpack")["byte_offset"] as? Int == 65)
        #expect(try spool.reason("frame.segment")["frame"] as? Int == 2)
        #expect(try spool.reason("frame.segment")["loaded_batches"] as? [String] == ["poison-good"])
        #expect(try spool.reason("types.msgpack")["field"] as? String == "documents")
        let encoded = Env.encode(Env.batch(tag: "poison-utf8"))
        let utf8Start = encoded.firstRange(of: Array("spool test text".utf8))?.lowerBound
        #expect(try spool.reason("utf8.msgpack")["byte_offset"] as? Int == utf8Start, "the offset of the bad string")
        let log = try String(contentsOfFile: spool.configuration.failureLog, encoding: .utf8)
        #expect(log.split(separator: "\n").count == (try Self.poison()).count)
    }

    @Test("one bad batch among good frames: the good ones load, the file goes to failed/ naming the bad frame and row")
    func badFrameAmongGood() async throws {
        let spool = try await Env.make()
        var badChunk = Env.batch(tag: "frames-2")
        // Chunk 2 of document 0 gets an order that is not an integer.
        if case .map(var pairs) = badChunk, case .array(var documents) = pairs[3].1,
            case .map(var document) = documents[0],
            case .array(var chunks) = document[2].1, case .map(var chunk) = chunks[1]
        {
            chunk[0] = (.string("order"), .string("second"))
            chunks[1] = .map(chunk)
            document[2] = (.string("chunks"), .array(chunks))
            documents[0] = .map(document)
            pairs[3] = (.string("documents"), .array(documents))
            badChunk = .map(pairs)
        }
        try spool.drop(
            Env.segment([Env.batch(tag: "frames-1"), badChunk, Env.batch(tag: "frames-3")]), as: "stream.segment")
        let report = try await spool.withRunner { try #require(try await $0.run()) }
        #expect(report.files.first?.disposition == .failed)
        #expect(report.files.first?.batches.map(\.tag) == ["frames-1", "frames-3"])
        let reason = try spool.reason("stream.segment")
        #expect(reason["frame"] as? Int == 2)
        #expect(reason["row"] as? Int == 2)
        #expect(reason["field"] as? String == "documents[0].chunks[1].order")
        #expect(reason["reason"] as? String == "wrong_type")
        #expect(try await spool.chunks(tenant: "t1") == 4)
    }

    @Test("the tenant a file names is the only one its rows can land in")
    func tenantScope() async throws {
        let spool = try await Env.make()
        try await spool.database.withConnection { connection in
            try await connection.execute("select zenglow.set_tenant_active('t2', false)", logger: Env.logger)
        }
        try spool.drop(Env.encode(Env.batch(tenant: "t2", tag: "inactive-1")), as: "inactive.msgpack")
        try spool.drop(Env.encode(Env.batch(tenant: "t1", tag: "active-1")), as: "active.msgpack")
        _ = try await spool.withRunner { try await $0.run() }
        #expect(try spool.reason("inactive.msgpack")["reason"] as? String == "unknown_tenant")
        #expect(try await spool.chunks(tenant: "t2") == 0)
        #expect(try await spool.chunks(tenant: "t1") == 2)
    }
}
