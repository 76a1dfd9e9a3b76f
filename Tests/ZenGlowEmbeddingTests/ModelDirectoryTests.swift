import Foundation
import Testing
import ZenGlowEmbedding
import ZenGlowTestSupport

/// A model folder that is incomplete, altered or corrupt is refused at load with the file (and,
/// for the weights, the byte offset) named.
@Suite struct ModelDirectoryTests {
    /// A copy of the model folder whose files are symbolic links to the real ones, so a test can
    /// remove or replace one file without copying 90 MB.
    func linkedCopy(replacing name: String? = nil, with contents: Data? = nil) throws -> URL {
        let folder = URL(fileURLWithPath: try TemporaryDirectory.make(prefix: "zenglow-model"))
        for file in try FileManager.default.contentsOfDirectory(atPath: TestModel.directory.url.path)
        where file != name {
            try FileManager.default.createSymbolicLink(
                at: folder.appendingPathComponent(file), withDestinationURL: TestModel.directory.file(file))
        }
        if let name, let contents { try contents.write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    func loadError(_ directory: ModelDirectory) -> EmbeddingError? {
        do {
            _ = try SentenceEncoder(directory: directory)
            return nil
        } catch {
            return error as? EmbeddingError
        }
    }

    @Test func theShippedFolderVerifies() throws {
        #expect(try TestModel.directory.verify() == ModelDirectory.miniLM.weightsSHA256)
    }

    @Test(arguments: ["model.safetensors", "tokenizer.json", "config.json"])
    func aMissingFileIsNamed(file: String) throws {
        let folder = try linkedCopy(replacing: file)
        let error = try #require(loadError(ModelDirectory(url: folder)))
        #expect(error.code == .modelFileMissing)
        #expect(error.message.contains(file))
    }

    @Test func aMissingFolderSaysHowToFetchTheModel() throws {
        let error = try #require(loadError(ModelDirectory(url: URL(fileURLWithPath: "/nonexistent/minilm"))))
        #expect(error.code == .modelFileMissing)
        #expect(error.message.contains("/nonexistent/minilm"))
        #expect(error.message.contains("scripts/fetch-model"))
    }

    @Test func weightsWithAnotherChecksumAreRefused() throws {
        let folder = try linkedCopy(replacing: "model.safetensors", with: Data("not the weights".utf8))
        let error = try #require(loadError(ModelDirectory(url: folder)))
        #expect(error.code == .modelChecksumMismatch)
        #expect(error.message.contains("model.safetensors"))
        #expect(error.message.contains(ModelDirectory.miniLM.weightsSHA256))
    }

    @Test func aTokenizerOfAnotherModelIsRefusedByChecksumNamingIt() throws {
        var text = try String(contentsOf: TestModel.directory.file("tokenizer.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"[MASK]\"", with: "\"[MASKED]\"")
        let folder = try linkedCopy(replacing: "tokenizer.json", with: Data(text.utf8))
        let error = try #require(loadError(ModelDirectory(url: folder)))
        #expect(error.code == .modelChecksumMismatch)
        #expect(error.message.contains("tokenizer.json"))
    }

    /// Unpinned (an operator's own model): a token id past the embedding table is refused at load,
    /// never used to read past the weights.
    @Test func aTokenIDOutsideTheVocabularyIsRefused() throws {
        var text = try String(contentsOf: TestModel.directory.file("tokenizer.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"[MASK]\":103,", with: "\"[MASK]\":99999,")
        let replaced = text.contains("\"[MASK]\":99999,")
        try #require(replaced)
        let folder = try linkedCopy(replacing: "tokenizer.json", with: Data(text.utf8))
        let unpinned = ModelDirectory(
            url: folder, expected: .init(name: "own", weightsSHA256: ModelDirectory.miniLM.weightsSHA256))
        let error = try #require(loadError(unpinned))
        #expect(error.code == .unsupportedModel)
        #expect(error.message.contains("token id 99999 is outside the model's vocabulary of 30522"))
    }

    /// Corrupt headers, accepted by checksum (the test names its own), refused by the parser.
    @Test(arguments: [
        (Data([1, 2, 3]), "byte 0"),
        (Data([0xFF, 0xFF, 0, 0, 0, 0, 0, 0]) + Data("{}".utf8), "byte 0"),
        (Data([5, 0, 0, 0, 0, 0, 0, 0]) + Data("{\"a\":".utf8), "byte 8"),
        (
            ModelDirectoryTests.safetensors(header: #"{"x":{"dtype":"F32","shape":[4],"data_offsets":[0,999999]}}"#),
            "byte 67"
        ),
        (
            ModelDirectoryTests.safetensors(
                header: #"{"x":{"dtype":"F32","shape":[4],"data_offsets":[0,8]}}"#, data: 8), "byte 62"
        ),
    ])
    func aCorruptHeaderIsRefusedWithItsOffset(contents: Data, offset: String) throws {
        let folder = try linkedCopy(replacing: "model.safetensors", with: contents)
        let checksum = try ModelDirectoryTests.sha256(folder.appendingPathComponent("model.safetensors"))
        let directory = ModelDirectory(url: folder, expected: .init(name: "corrupt", weightsSHA256: checksum))
        let error = try #require(loadError(directory))
        #expect(error.code == .corruptWeights, "\(error)")
        #expect(error.message.contains(offset), "\(error)")
        #expect(error.message.contains("model.safetensors"))
    }

    /// A safetensors file: the header's length, the header, then `data` zero bytes.
    static func safetensors(header: String, data: Int = 0) -> Data {
        var length = UInt64(header.utf8.count).littleEndian
        return Data(bytes: &length, count: 8) + Data(header.utf8) + Data(count: data)
    }

    static func sha256(_ file: URL) throws -> String {
        let folder = file.deletingLastPathComponent()
        do {
            try ModelDirectory(url: folder, expected: .init(name: "probe", weightsSHA256: "")).verify()
        } catch let error as EmbeddingError where error.code == .modelChecksumMismatch {
            // "…: sha256 is <actual>, expected …"
            let after = error.message.components(separatedBy: "sha256 is ")[1]
            return String(after.prefix(64))
        }
        throw EmbeddingError(.modelChecksumMismatch, "probe did not fail")
    }
}
