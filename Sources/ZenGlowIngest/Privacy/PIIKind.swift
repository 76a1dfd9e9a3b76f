/// The kinds of personal data and credentials ZenGlow looks for in text; the raw values are the
/// stable names in reports, rejections and metric labels.
public enum PIIKind: String, Sendable, Codable, CaseIterable {
    /// E-mail addresses.
    case email
    /// Phone numbers (7 to 15 digits written as one, see ``PIIScrubber``).
    case phone
    /// ZenGlow API keys (`zg_…`) and `sk-`/`pk-`/`rk-` style secret keys.
    case apiKey = "api_key"
    /// Bearer tokens, JWT-shaped `eyJ….….…` tokens and AWS access key ids.
    case token
}
