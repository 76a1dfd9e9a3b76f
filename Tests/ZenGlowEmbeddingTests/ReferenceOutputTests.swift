import Foundation
import Testing
import ZenGlowEmbedding
import ZenGlowTestSupport

/// The native encoder against sentence-transformers' own outputs (`../shared/data/minilm-reference`
/// and SciFact's corpus embeddings): same token ids, cosine ≥ 0.9999.
@Suite struct ReferenceOutputTests {
    struct Case: Decodable {
        let text: String
        let ids: [Int32]
    }

    static func cases() throws -> [Case] {
        let lines = try String(
            contentsOf: TestModel.sharedData.appendingPathComponent("minilm-reference/cases.jsonl"), encoding: .utf8
        ).split(separator: "\n")
        return try lines.map { try JSONDecoder().decode(Case.self, from: Data($0.utf8)) }
    }

    @Test func everyReferenceCaseTokenizesToTheModelsIDs() throws {
        let encoder = try TestModel.encoder()
        let cases = try Self.cases()
        #expect(cases.count == 150)
        for (line, reference) in cases.enumerated() {
            let ids = encoder.tokenizer.tokenize(reference.text)
            #expect(ids == reference.ids, "case \(line + 1): \(reference.text.prefix(60).debugDescription)")
        }
    }

    @Test func everyReferenceCaseEmbedsWithinCosine0_9999() throws {
        let encoder = try TestModel.encoder()
        let cases = try Self.cases()
        let references = try TestModel.vectors("minilm-reference/cases-minilm384.f32", dimensions: 384)
        let vectors = encoder.embed(cases.map(\.text), threads: 2)
        #expect(vectors.count == references.count)
        for (line, (vector, reference)) in zip(vectors, references).enumerated() {
            #expect(vector.count == 384)
            let cosine = TestModel.cosine(vector, reference)
            #expect(cosine >= 0.9999, "case \(line + 1): cosine \(cosine)")
        }
    }

    @Test func theFirst200SciFactDocumentsMatchTheCorpusEmbeddings() throws {
        struct Document: Decodable {
            let title: String
            let text: String
        }
        let encoder = try TestModel.encoder()
        let lines = try String(
            contentsOf: TestModel.sharedData.appendingPathComponent("scifact/corpus.jsonl"), encoding: .utf8
        ).split(separator: "\n").prefix(200)
        let texts = try lines.map { line in
            let document = try JSONDecoder().decode(Document.self, from: Data(line.utf8))
            return document.title + " " + document.text
        }
        let references = try TestModel.vectors("scifact/corpus-minilm384.f32", dimensions: 384, rows: 200)
        let vectors = encoder.embed(texts, threads: 2)
        var worst = 1.0
        for (index, (vector, reference)) in zip(vectors, references).enumerated() {
            let cosine = TestModel.cosine(vector, reference)
            worst = min(worst, cosine)
            #expect(cosine >= 0.9999, "document \(index): cosine \(cosine)")
        }
        #expect(vectors.count == 200)
        #expect(worst >= 0.9999)
    }
}
