import Foundation

/// `zenglow_api.current_retrieval_settings()`: the settings a tenant's queries use, where they
/// come from, and the LTR model they were fitted with beside the active one.
public struct TenantRetrievalSettings: Sendable, Equatable, Decodable {
    /// nil for the built-in defaults.
    public let version: Int64?
    /// `tenant`, `global` or `default`.
    public let scope: String
    public let settings: RetrievalSettings
    /// The LTR model version the settings were fitted with; nil when set by hand.
    public let ltrVersion: Int64?
    /// The LTR model version `rag_query` uses (the newest).
    public let activeLTRVersion: Int64?
    public let createdAt: String?
    public let actor: String?
    public let reason: String?

    enum CodingKeys: String, CodingKey {
        case version, scope, settings, actor, reason
        case ltrVersion = "ltr_version"
        case activeLTRVersion = "active_ltr_version"
        case createdAt = "created_at"
    }

    /// Two lines for an operator.
    public var text: String {
        let origin =
            switch scope {
            case "default": "built-in defaults"
            case "global": "_global version \(version.map(String.init) ?? "-")"
            default: "version \(version.map(String.init) ?? "-")"
            }
        let fitted =
            ltrVersion.map { version in
                version == activeLTRVersion
                    ? "fitted with LTR model \(version) (active)"
                    : "fitted with LTR model \(version); the active one is \(activeLTRVersion.map(String.init) ?? "none")"
            } ?? "not fitted (active LTR model \(activeLTRVersion.map(String.init) ?? "none"))"
        var lines = ["\(settings.summary)", "\(origin), \(fitted)"]
        if let actor, let reason, let createdAt { lines.append("set by \(actor) at \(createdAt): \(reason)") }
        return lines.joined(separator: "\n")
    }
}
