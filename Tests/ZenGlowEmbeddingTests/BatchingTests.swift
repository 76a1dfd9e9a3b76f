import Foundation
import Testing
import ZenGlowEmbedding
import ZenGlowTestSupport

/// Packing many texts into one pass, and many callers at once, give each text the vector it gets alone.
@Suite struct BatchingTests {
    static let texts = [
        "how does the migrator handle locks?", "", "a", String(repeating: "long sentence of words ", count: 40),
        "Café au lait", "東京都は日本の首都です。", "what is row level security",
    ]

    @Test func aTextInABatchEmbedsAsItDoesAlone() throws {
        let encoder = try TestModel.encoder()
        let together = encoder.embed(Self.texts, threads: 2)
        for (text, vector) in zip(Self.texts, together) {
            let alone = encoder.embed([text])[0]
            #expect(TestModel.cosine(alone, vector) > 0.999999, "\(text.prefix(30).debugDescription)")
        }
    }

    @Test func manyConcurrentCallersGetTheirOwnTextsVectors() async throws {
        let encoder = try TestModel.encoder()
        let expected = encoder.embed(Self.texts)
        try await withThrowingTaskGroup(of: (Int, [Float]).self) { group in
            for round in 0..<4 {
                for (index, text) in Self.texts.enumerated() {
                    group.addTask {
                        (index, encoder.embed([text], threads: round % 2 + 1)[0])
                    }
                }
            }
            for try await (index, vector) in group {
                #expect(TestModel.cosine(vector, expected[index]) > 0.999999)
            }
        }
    }
}
