import Foundation
import Testing
import ZenGlowEmbedding
import ZenGlowTestSupport

/// Texts a caller may send that are not ordinary prose: each gets a vector, never a crash or an error.
@Suite struct TextEdgeCaseTests {
    @Test(arguments: ["", "   \t\n  ", "\u{0}\u{1}\u{7}\u{1B}\u{7F}", "\u{200B}\u{FEFF}\u{FFFD}"])
    func textWithNoWordsIsJustTheSpecialTokens(text: String) throws {
        let encoder = try TestModel.encoder()
        #expect(encoder.tokenizer.tokenize(text) == [101, 102])
        let vector = try #require(encoder.embed([text]).first)
        #expect(vector.count == 384)
        #expect(vector.allSatisfy { $0.isFinite })
    }

    @Test func a100KBTextIsTruncatedTo256Tokens() throws {
        let encoder = try TestModel.encoder()
        let text = String(repeating: "retrieval augmented generation over postgres ", count: 2_300)
        #expect(text.utf8.count > 100_000)
        let ids = encoder.tokenizer.tokenize(text)
        #expect(ids.count == 256)
        #expect(ids.first == 101)
        #expect(ids.last == 102)
        let prefix = encoder.tokenizer.tokenize(String(text.prefix(1_500)))
        #expect(Array(ids.prefix(100)) == Array(prefix.prefix(100)))
        let vector = try #require(encoder.embed([text]).first)
        #expect(vector.allSatisfy { $0.isFinite })
    }

    /// As Hugging Face's normaliser: unassigned code points are kept (the word becomes [UNK]), while
    /// format characters (U+200B) are dropped.
    @Test func unassignedCodePointsAreKeptFormatCharactersDropped() throws {
        let encoder = try TestModel.encoder()
        #expect(encoder.tokenizer.tokenize("a\u{0378}b") == [101, 100, 102])
        #expect(encoder.tokenizer.tokenize("a\u{200B}b") == encoder.tokenizer.tokenize("ab"))
    }

    @Test func aWordLongerThan100CharactersIsOneUnknownToken() throws {
        let encoder = try TestModel.encoder()
        #expect(encoder.tokenizer.tokenize(String(repeating: "a", count: 101)) == [101, 100, 102])
        #expect(encoder.tokenizer.tokenize(String(repeating: "a", count: 100)).count > 3)
    }
}
