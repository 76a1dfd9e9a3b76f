/// One component `zenglow doctor` looked for.
public struct DoctorCheck: Sendable, Codable, Equatable {
    /// The component, e.g. `PostgreSQL` or `pgvector`.
    public let component: String
    /// The version found, or nil when the component is missing.
    public let version: String?
    /// Extra facts, e.g. TimescaleDB's license.
    public let detail: String?
    /// What to run to install the component; nil when it is present.
    public let fix: String?

    public var ok: Bool { version != nil }

    static func found(_ component: String, _ version: String, detail: String? = nil) -> DoctorCheck {
        DoctorCheck(component: component, version: version, detail: detail, fix: nil)
    }

    static func missing(_ component: String, fix: String) -> DoctorCheck {
        DoctorCheck(component: component, version: nil, detail: nil, fix: fix)
    }
}
