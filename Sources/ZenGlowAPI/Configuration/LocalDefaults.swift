import Foundation
import ZenGlowDB

/// Where `zenglow serve` connects, and finds its model, when `DATABASE_URL`, `REDIS_PORT` or
/// `EMBED_MODEL_DIR` are not set: the embedded stack of `zenglow dev`, resolved by the command
/// layer (the API knows nothing of it). Without them, `DATABASE_URL` is required.
public struct LocalDefaults: Sendable {
    public var database: DatabaseURL
    public var redisPort: Int
    /// The folder `scripts/fetch-model` fills: the local embedder's model.
    public var modelDirectory: String

    /// `.zenglow/models/all-MiniLM-L6-v2` under the current directory, where `scripts/fetch-model`
    /// puts the model when the project folder is the default one.
    public static var projectModelDirectory: String {
        FileManager.default.currentDirectoryPath + "/.zenglow/models/all-MiniLM-L6-v2"
    }

    public init(database: DatabaseURL, redisPort: Int, modelDirectory: String = LocalDefaults.projectModelDirectory) {
        self.database = database
        self.redisPort = redisPort
        self.modelDirectory = modelDirectory
    }
}
