import Testing
import ZenGlowIngest

@Suite("zstd through libzstd")
struct ZstdTests {
    @Test("compressing then decompressing gives back the same bytes, smaller in between")
    func roundTrip() throws {
        let text = String(repeating: "ZenGlow spool batch line with some repetition. ", count: 2_000)
        let original = Array(text.utf8) + (0..<256).map { UInt8($0) }
        let compressed = try Zstd.compress(original)
        #expect(compressed.count < original.count / 10)
        #expect(try Zstd.decompress(compressed) == original)
    }

    @Test("data larger than one output chunk decompresses completely")
    func largeRoundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        let original = (0..<3_000_000).map { _ in UInt8.random(in: 0...3, using: &generator) }
        #expect(try Zstd.decompress(try Zstd.compress(original, level: 1)) == original)
    }

    @Test("an empty input round-trips to empty")
    func emptyRoundTrip() throws {
        #expect(try Zstd.decompress(try Zstd.compress([])) == [])
    }

    @Test("a truncated frame is refused, not returned half-decoded")
    func truncated() throws {
        let compressed = try Zstd.compress(Array(repeating: 7, count: 100_000) + Array(0..<200))
        let error = #expect(throws: IngestError.self) { try Zstd.decompress(Array(compressed.dropLast(3))) }
        #expect(error?.code == .corruptCompressedData)
    }

    @Test("bytes that are not zstd are refused")
    func notZstd() throws {
        let error = #expect(throws: IngestError.self) { try Zstd.decompress(Array("plain text".utf8)) }
        #expect(error?.code == .corruptCompressedData)
    }

    @Test("output past the limit is refused, guarding against decompression bombs")
    func limit() throws {
        let compressed = try Zstd.compress(Array(repeating: 0, count: 1_000_000))
        let error = #expect(throws: IngestError.self) { try Zstd.decompress(compressed, limit: 1_000) }
        #expect(error?.code == .decompressedTooLarge)
    }
}
