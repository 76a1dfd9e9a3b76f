import Foundation
import Testing
import ZenGlowTestSupport

@Suite("zenglow embed")
struct EmbedCommandTests {
    let environment = ["EMBED_MODEL_DIR": TestModel.directory.url.path]

    @Test("prints the model's vector of each text, one line each; --json adds model and token counts")
    func printsVectors() async throws {
        let outcome = try await ZenGlowExecutable.run(
            ["embed", "hello world", "what is row level security"], environment: environment)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let lines = outcome.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        let first = lines[0].split(separator: " ").compactMap { Float($0) }
        #expect(first.count == 384)
        let reference = try TestModel.vectors("minilm-reference/cases-minilm384.f32", dimensions: 384, rows: 1)[0]
        #expect(TestModel.cosine(first, reference) >= 0.9999)

        let json = try await ZenGlowExecutable.run(["embed", "--json", "hello world"], environment: environment)
        struct Output: Decodable {
            struct Item: Decodable {
                let tokens: Int
                let embedding: [Float]
            }
            let model: String
            let dimensions: Int
            let data: [Item]
        }
        let decoded = try JSONDecoder().decode(Output.self, from: Data(json.standardOutput.utf8))
        #expect(decoded.model == "all-MiniLM-L6-v2")
        #expect(decoded.dimensions == 384)
        #expect(decoded.data.first?.tokens == 4)
    }

    @Test("a model folder that is not there is named, with the fix, exit 1")
    func missingModel() async throws {
        let outcome = try await ZenGlowExecutable.run(["embed", "--model-dir", "/nonexistent/model", "x"])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput.isEmpty)
        #expect(
            outcome.standardError
                == "zenglow embed: model folder /nonexistent/model does not exist; run scripts/fetch-model or set EMBED_MODEL_DIR\n"
        )
    }
}
