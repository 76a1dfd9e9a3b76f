/// What a manifest records about a database, read in one snapshot: the same reading taken of a
/// restored copy must come out equal (but for the installation id, which the restore renews).
public struct DatabaseState: Sendable, Equatable {
    public var schemaVersion: Int
    public var rowCounts: [String: Int64]
    public var auditChainHeads: [String: AuditChainHead]
    public var installationID: String
    public var extensions: [String: String]
    public var serverVersion: String

    public init(
        schemaVersion: Int, rowCounts: [String: Int64], auditChainHeads: [String: AuditChainHead],
        installationID: String, extensions: [String: String], serverVersion: String
    ) {
        self.schemaVersion = schemaVersion
        self.rowCounts = rowCounts
        self.auditChainHeads = auditChainHeads
        self.installationID = installationID
        self.extensions = extensions
        self.serverVersion = serverVersion
    }
}
