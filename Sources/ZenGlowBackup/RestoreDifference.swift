/// One way a restored database differs from its backup's manifest.
public struct RestoreDifference: Codable, Sendable, Equatable, CustomStringConvertible {
    /// What differs: `schema_version`, `row_counts.<table>`, `audit_chain_heads.<tenant>`,
    /// `audit_chain.<tenant>` (verify_chain found a broken link) or `installation_id`.
    public var field: String
    /// What the manifest says (or should hold).
    public var expected: String
    /// What the restored database holds.
    public var actual: String

    public init(field: String, expected: String, actual: String) {
        self.field = field
        self.expected = expected
        self.actual = actual
    }

    public var description: String { "\(field): the manifest says \(expected), the restored database has \(actual)" }

    /// Every difference between `manifest` and the restored database's `state` and broken chains.
    static func between(
        _ manifest: BackupManifest, _ state: DatabaseState, brokenChains: [String: String]
    ) -> [RestoreDifference] {
        var differences: [RestoreDifference] = []
        if manifest.schemaVersion != state.schemaVersion {
            differences.append(
                .init(
                    field: "schema_version", expected: String(manifest.schemaVersion),
                    actual: String(state.schemaVersion)))
        }
        for table in Set(manifest.rowCounts.keys).union(state.rowCounts.keys).sorted() {
            let expected = manifest.rowCounts[table]
            let actual = state.rowCounts[table]
            if expected != actual {
                differences.append(
                    .init(
                        field: "row_counts.\(table)", expected: expected.map { "\($0) rows" } ?? "no such table",
                        actual: actual.map { "\($0) rows" } ?? "no such table"))
            }
        }
        for tenant in Set(manifest.auditChainHeads.keys).union(state.auditChainHeads.keys).sorted() {
            let expected = manifest.auditChainHeads[tenant]
            let actual = state.auditChainHeads[tenant]
            if expected != actual {
                func text(_ head: AuditChainHead?) -> String {
                    head.map { "seq \($0.seq) hash \($0.hash)" } ?? "no chain head"
                }
                differences.append(
                    .init(field: "audit_chain_heads.\(tenant)", expected: text(expected), actual: text(actual)))
            }
        }
        for (tenant, problem) in brokenChains.sorted(by: { $0.key < $1.key }) {
            differences.append(
                .init(
                    field: "audit_chain.\(tenant)", expected: "a chain verify_chain finds intact",
                    actual: "a broken chain (\(problem))"))
        }
        if state.installationID == manifest.installationID {
            differences.append(
                .init(
                    field: "installation_id", expected: "an id other than the original's \(manifest.installationID)",
                    actual: state.installationID))
        }
        return differences
    }
}
