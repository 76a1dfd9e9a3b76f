import Foundation
import ZenGlowEmbedding

/// The embedding model and the shared reference data tests read (never copied into the project).
public enum TestModel {
    /// `EMBED_MODEL_DIR` when set, else the folder `scripts/fetch-model` fills.
    public static let directory = ModelDirectory(
        url: URL(
            fileURLWithPath: ProcessInfo.processInfo.environment["EMBED_MODEL_DIR"]
                ?? TestServers.repositoryRoot + "/.zenglow/models/all-MiniLM-L6-v2"))

    /// `../shared/data` beside the repository (or `ZENGLOW_SHARED_DATA`): SciFact and the MiniLM
    /// reference outputs, read in place.
    public static let sharedData =
        ProcessInfo.processInfo.environment["ZENGLOW_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: TestServers.repositoryRoot).deletingLastPathComponent()
        .appendingPathComponent("shared/data")

    /// The encoder, loaded once per test process (loading verifies a 90 MB checksum).
    public static func encoder() throws -> SentenceEncoder { try loaded.get() }

    private static let loaded = Result { try SentenceEncoder(directory: directory) }

    /// Row-major little-endian float32 vectors of width `dimensions` from a shared `.f32` file.
    public static func vectors(_ relativePath: String, dimensions: Int, rows: Int? = nil) throws -> [[Float]] {
        Float32Vectors.rows(
            try Data(contentsOf: sharedData.appendingPathComponent(relativePath)), width: dimensions, rows: rows)
    }

    /// The cosine of two vectors.
    public static func cosine(_ a: [Float], _ b: [Float]) -> Double { Float32Vectors.cosine(a, b) }
}
