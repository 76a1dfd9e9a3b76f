/// Who a request acts for, once its API key has been checked.
public struct Principal: Sendable, Equatable {
    /// What a key may do.
    public enum Scope: String, Sendable, CaseIterable, Codable {
        case query, ingest, admin
    }

    public let tenant: String
    /// The key's id (a UUID), or `dev` when keys are disabled in the dev profile.
    public let keyID: String
    public let scopes: Set<Scope>

    public init(tenant: String, keyID: String, scopes: Set<Scope>) {
        self.tenant = tenant
        self.keyID = keyID
        self.scopes = scopes
    }
}
