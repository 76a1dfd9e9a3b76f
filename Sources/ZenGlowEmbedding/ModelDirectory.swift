import Crypto
import Foundation

/// A folder holding the files of one sentence-transformers BERT model (`model.safetensors`,
/// `tokenizer.json`, `config.json`, optionally `sentence_bert_config.json`), checked before use.
public struct ModelDirectory: Sendable, Equatable {
    /// The model ZenGlow ships and the registry names: all-MiniLM-L6-v2, 384 dimensions.
    public static let miniLM = Expected(
        name: "all-MiniLM-L6-v2",
        weightsSHA256: "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db")

    /// What a folder must hold to be accepted as a given model.
    public struct Expected: Sendable, Equatable {
        public let name: String
        /// The sha256 of `model.safetensors`, lowercase hex.
        public let weightsSHA256: String

        public init(name: String, weightsSHA256: String) {
            self.name = name
            self.weightsSHA256 = weightsSHA256
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
