/// How many matches of each kind of personal data a text, a chunk or a batch held.
public struct PIIFindings: Sendable, Codable, Equatable {
    public var emails: Int
    public var phones: Int
    public var apiKeys: Int
    public var tokens: Int

    enum CodingKeys: String, CodingKey {
        case emails, phones, tokens
        case apiKeys = "api_keys"
    }

    public init(emails: Int = 0, phones: Int = 0, apiKeys: Int = 0, tokens: Int = 0) {
        self.emails = emails
        self.phones = phones
        self.apiKeys = apiKeys
        self.tokens = tokens
    }

    /// All findings together.
    public var total: Int { emails + phones + apiKeys + tokens }

    /// The count for one kind.
    public subscript(kind: PIIKind) -> Int {
        get {
            switch kind {
            case .email: emails
            case .phone: phones
            case .apiKey: apiKeys
            case .token: tokens
            }
        }
        set {
            switch kind {
            case .email: emails = newValue
            case .phone: phones = newValue
            case .apiKey: apiKeys = newValue
            case .token: tokens = newValue
            }
        }
    }

    /// Adds another text's findings to these.
    public mutating func add(_ other: PIIFindings) {
        for kind in PIIKind.allCases { self[kind] += other[kind] }
    }
}
