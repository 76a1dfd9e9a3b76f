import ArgumentParser
import Foundation
import ZenGlowEmbedding

/// `zenglow embed`: the local model's embedding of a text, for operators checking a model folder.
struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Print the local model's embedding of each text (or of stdin when no text is given).",
        discussion: """
            Loads the model from --model-dir, else EMBED_MODEL_DIR, else .zenglow/models/all-MiniLM-L6-v2 \
            (verifying its files and checksum), and prints one line of space-separated numbers per text.
            """
    )

    @Argument(help: "Texts to embed; without any, stdin is read as one text.")
    var texts: [String] = []

    @Option(help: "The model folder (overrides EMBED_MODEL_DIR).")
    var modelDir: String?

    @Flag(help: "Print JSON: the model, and each text's token count and embedding.")
    var json = false

    func run() async throws {
        try CommandFailure.reporting("embed") {
            let directory =
                try modelDir.map { ModelDirectory(url: URL(fileURLWithPath: $0)) } ?? EmbeddedDefaults.modelDirectory()
            let inputs =
                texts.isEmpty
                ? [try UTF8Text.decode(Array(FileHandle.standardInput.readDataToEndOfFile()), source: "stdin")]
                : texts
            let encoder = try SentenceEncoder(directory: directory)
            let vectors = encoder.embed(inputs, threads: ProcessInfo.processInfo.activeProcessorCount)
            if json {
                print(
                    try JSONOutput.text(
                        EmbedOutput(
                            model: directory.expected.name, dimensions: encoder.dimensions,
                            data: zip(inputs, vectors).map {
                                .init(text: $0.0, tokens: encoder.tokenizer.tokenize($0.0).count, embedding: $0.1)
                            })))
            } else {
                for vector in vectors { print(vector.map { "\($0)" }.joined(separator: " ")) }
            }
        }
    }
}

/// What `zenglow embed --json` prints.
struct EmbedOutput: Encodable {
    struct Item: Encodable {
        let text: String
        let tokens: Int
        let embedding: [Float]
    }
    let model: String
    let dimensions: Int
    let data: [Item]
}
