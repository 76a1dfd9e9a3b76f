import Foundation

/// The doctor's findings, printable for people or as JSON for scripts.
public struct DoctorReport: Sendable, Codable {
    public let checks: [DoctorCheck]

    public init(checks: [DoctorCheck]) {
        self.checks = checks
    }

    /// True when every component was found.
    public var healthy: Bool { checks.allSatisfy(\.ok) }

    /// One line per component: status, name, version and detail, then the fix for each missing one.
    public func text() -> String {
        let width = (checks.map(\.component.count).max() ?? 0) + 2
        var lines = checks.map { check -> String in
            let name = check.component.padding(toLength: width, withPad: " ", startingAt: 0)
            guard let version = check.version else { return "missing  \(name)fix: \(check.fix ?? "")" }
            return "ok       \(name)\(version)" + (check.detail.map { "  (\($0))" } ?? "")
        }
        lines.append(healthy ? "all components present" : "some components are missing; apply the fixes above")
        return lines.joined(separator: "\n")
    }

    /// `{"healthy": Bool, "checks": [{"component", "version", "detail", "fix", "ok"}]}`.
    public func json() throws -> String {
        struct Document: Encodable {
            let healthy: Bool
            let checks: [Entry]
        }
        struct Entry: Encodable {
            let component: String
            let ok: Bool
            let version: String?
            let detail: String?
            let fix: String?
        }
        let document = Document(
            healthy: healthy,
            checks: checks.map {
                Entry(component: $0.component, ok: $0.ok, version: $0.version, detail: $0.detail, fix: $0.fix)
            }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }
}
