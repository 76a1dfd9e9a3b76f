/// Who a request acts for, once its API key has been checked.
public struct Principal: Sendable, Equatable {
    /// What a key may do: query and read batches, ingest, administer, or use `POST /v1/embeddings`.
    public enum Scope: String, Sendable, CaseIterable, Codable {
        case query, ingest, admin, embed
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

extension Principal {
    /// The tenant every request acts for when API keys are disabled (dev profile only), and that
    /// `zenglow dev seed` fills with the demo corpus.
    public static let devTenant = "demo"

    /// Who a request is when API keys are disabled: the dev tenant with every scope.
    public static let dev = Principal(tenant: devTenant, keyID: "dev", scopes: Set(Scope.allCases))
}
