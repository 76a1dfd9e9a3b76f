/// What `zenglow restore` did and found.
public struct RestoreReport: Codable, Sendable {
    /// The database the restore created.
    public var database: String
    public var dumpFile: String
    /// The backed-up database's installation id, and the new one the copy was given.
    public var originalInstallationID: String
    public var installationID: String
    public var schemaVersion: Int
    public var phases: [BackupPhase]
    /// Empty when the restored database matches its manifest.
    public var differences: [RestoreDifference]

    public var verified: Bool { differences.isEmpty }

    enum CodingKeys: String, CodingKey {
        case database
        case dumpFile = "dump_file"
        case originalInstallationID = "original_installation_id"
        case installationID = "installation_id"
        case schemaVersion = "schema_version"
        case phases
        case differences
        case verified
    }

    public init(
        database: String, dumpFile: String, originalInstallationID: String, installationID: String,
        schemaVersion: Int, phases: [BackupPhase], differences: [RestoreDifference]
    ) {
        self.database = database
        self.dumpFile = dumpFile
        self.originalInstallationID = originalInstallationID
        self.installationID = installationID
        self.schemaVersion = schemaVersion
        self.phases = phases
        self.differences = differences
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(database, forKey: .database)
        try container.encode(dumpFile, forKey: .dumpFile)
        try container.encode(originalInstallationID, forKey: .originalInstallationID)
        try container.encode(installationID, forKey: .installationID)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(phases, forKey: .phases)
        try container.encode(differences, forKey: .differences)
        try container.encode(verified, forKey: .verified)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        database = try container.decode(String.self, forKey: .database)
        dumpFile = try container.decode(String.self, forKey: .dumpFile)
        originalInstallationID = try container.decode(String.self, forKey: .originalInstallationID)
        installationID = try container.decode(String.self, forKey: .installationID)
        schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        phases = try container.decode([BackupPhase].self, forKey: .phases)
        differences = try container.decode([RestoreDifference].self, forKey: .differences)
    }
}
