import Crypto
import Foundation

/// A folder holding the files of one sentence-transformers BERT model (`model.safetensors`,
/// `tokenizer.json`, `config.json`, optionally `sentence_bert_config.json`), checked before use.
public struct ModelDirectory: Sendable, Equatable {
    /// The model ZenGlow ships and the registry names: all-MiniLM-L6-v2, 384 dimensions.
    public static let miniLM = Expected(
        name: "all-MiniLM-L6-v2",
        weightsSHA256: "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
        otherFiles: [
            "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
            "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
            "sentence_bert_config.json": "fc1993fde0a95c24ec6c022539d41cf6e2f7c9721e5415d6fb6897472a9cd4b7",
        ])

    /// What a folder must hold to be accepted as a given model.
    public struct Expected: Sendable, Equatable {
        public let name: String
        /// The sha256 of `model.safetensors`, lowercase hex.
        public let weightsSHA256: String
        /// The sha256 of each other file the encoder reads (tokenizer, configuration), when pinned:
        /// weights with another model's tokenizer would index past the embedding table.
        public let otherFiles: [String: String]

        public init(name: String, weightsSHA256: String, otherFiles: [String: String] = [:]) {
            self.name = name
            self.weightsSHA256 = weightsSHA256
            self.otherFiles = otherFiles
        }
    }

    /// The files the encoder reads; each must exist.
    public static let requiredFiles = ["config.json", "tokenizer.json", "model.safetensors"]

    public let url: URL
    public let expected: Expected

    public init(url: URL, expected: Expected = ModelDirectory.miniLM) {
        self.url = url.standardizedFileURL
        self.expected = expected
    }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Refuses a folder that lacks a required file or whose weights are not the expected ones,
    /// naming the file; returns the weights' checksum.
    @discardableResult
    public func verify() throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EmbeddingError(
                .modelFileMissing,
                "model folder \(url.path) does not exist; run scripts/fetch-model or set EMBED_MODEL_DIR")
        }
        for name in Self.requiredFiles where !FileManager.default.fileExists(atPath: file(name).path) {
            throw EmbeddingError(
                .modelFileMissing,
                "model folder \(url.path) has no \(name); run scripts/fetch-model or point EMBED_MODEL_DIR at a complete copy"
            )
        }
        for (name, pinned) in expected.otherFiles.sorted(by: { $0.key < $1.key })
        where FileManager.default.fileExists(atPath: file(name).path) {
            let actual = try Self.sha256(of: file(name))
            guard actual == pinned else {
                throw EmbeddingError(
                    .modelChecksumMismatch,
                    "\(file(name).path): sha256 is \(actual), expected \(pinned) for \(expected.name); fetch the model again with scripts/fetch-model"
                )
            }
        }
        let actual = try Self.sha256(of: file("model.safetensors"))
        guard actual == expected.weightsSHA256 else {
            throw EmbeddingError(
                .modelChecksumMismatch,
                "\(file("model.safetensors").path): sha256 is \(actual), expected \(expected.weightsSHA256) for \(expected.name); fetch the model again with scripts/fetch-model"
            )
        }
        return actual
    }

    /// The sha256 of a file, read in 4 MiB pieces so the whole file is never in memory at once.
    static func sha256(of file: URL) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            throw EmbeddingError(.modelFileUnreadable, "\(file.path): cannot be opened for reading")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let piece: Data?
            do { piece = try handle.read(upToCount: 4 << 20) } catch {
                throw EmbeddingError(.modelFileUnreadable, "\(file.path): read failed: \(error)")
            }
            guard let piece, !piece.isEmpty else { break }
            hasher.update(data: piece)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
