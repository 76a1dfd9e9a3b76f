import Foundation

/// Text and JSON renderings of the migrator's results. The JSON shapes are documented in README.md
/// and stable: fields are only ever added.
public enum MigratorReport {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }

    /// A file as it appears in plan and up JSON.
    struct FileJSON: Encodable {
        let path: String
        let kind: MigrationFile.Kind
        let version: Int?
        let checksum: String
        let transactional: Bool
        let statements: Int
        let requires: [Capability]

        init(_ file: MigrationFile) {
            path = file.path
            kind = file.kind
            version = file.version
            checksum = file.checksum
            transactional = file.transactional
            statements = file.statements.count
            requires = file.requires
        }
    }

    struct StepJSON: Encodable {
        let action: MigrationPlan.Step.Action
        let file: FileJSON
        let reason: String?
        let resumeAfter: Int

        init(_ step: MigrationPlan.Step) {
            action = step.action
            file = FileJSON(step.file)
            reason = step.reason
            resumeAfter = step.resumeAfter
        }
    }

    // MARK: plan

    /// `{"command":"plan","database","steps":[{"action","file":{…},"reason"}],"refusals":[…],"warnings":[…]}`
    public static func planJSON(_ plan: MigrationPlan, database: String) throws -> String {
        struct Document: Encodable {
            let command = "plan"
            let database: String
            let steps: [StepJSON]
            let refusals: [Refusal]
            let warnings: [String]
        }
        return try json(
            Document(
                database: database,
                steps: plan.steps.map(StepJSON.init),
                refusals: plan.refusals,
                warnings: plan.warnings
            )
        )
    }

    public static func planText(_ plan: MigrationPlan, database: String) -> String {
        var lines = ["plan for \(database)"]
        if !plan.refusals.isEmpty {
            lines.append("refused:")
            lines += plan.refusals.map { "  \($0)" }
        }
        lines += plan.warnings.map { "warning: \($0)" }
        for step in plan.steps {
            let mode = step.file.transactional ? "transaction" : "no-transaction"
            let action = step.action.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            var line = "  \(action) \(step.file.path)  (\(mode), \(step.file.statements.count) statements)  "
            line += String(step.file.checksum.prefix(19))
            if let reason = step.reason { line += "  — \(reason)" }
            if step.resumeAfter > 0 { line += "  — resumes after statement \(step.resumeAfter), applied earlier" }
            lines.append(line)
        }
        if plan.steps.isEmpty { lines.append("  nothing to do") }
        return lines.joined(separator: "\n")
    }

    // MARK: up

    /// `{"command":"up","database","outcome","applied":[{"action","file","duration_ms"}],"skipped":[…],
    /// "duration_ms","error":{"code","message","failure","refusals"}}`; outcome is `applied`,
    /// `nothing_to_do`, `failed`, `refused` or `lock_not_obtained`.
    public static func upJSON(_ run: MigrationRun?, error: MigratorError?, database: String) throws -> String {
        struct Applied: Encodable {
            let action: MigrationPlan.Step.Action
            let file: FileJSON
            let durationMs: Int
        }
        struct ErrorJSON: Encodable {
            let code: String
            let message: String
            let failure: FileFailure?
            let refusals: [Refusal]
        }
        struct Document: Encodable {
            let command = "up"
            let database: String
            let outcome: String
            let applied: [Applied]
            let skipped: [StepJSON]
            let durationMs: Int?
            let error: ErrorJSON?
        }
        let outcome: String
        if let error {
            outcome = error.code.description
        } else {
            outcome = (run?.applied.isEmpty ?? true) ? "nothing_to_do" : "applied"
        }
        return try json(
            Document(
                database: database,
                outcome: outcome,
                applied: (run?.applied ?? []).map {
                    Applied(action: $0.action, file: FileJSON($0.file), durationMs: $0.milliseconds)
                },
                skipped: (run?.skipped ?? []).map(StepJSON.init),
                durationMs: run?.milliseconds,
                error: error.map {
                    ErrorJSON(
                        code: $0.code.description, message: $0.message, failure: $0.failure, refusals: $0.refusals)
                }
            )
        )
    }

    /// One progress line per file, printed as the run goes.
    public static func progressLine(_ event: MigrationEvent) -> String {
        switch event {
        case .waitingForLock:
            return "waiting for another migrator to finish…"
        case .applied(let file, let action, let milliseconds):
            let mode = file.transactional ? "transaction" : "no-transaction"
            let verb = action == .reapply ? "reapplied" : "applied"
            return
                "  \(verb.padding(toLength: 9, withPad: " ", startingAt: 0)) \(file.path)  (\(mode))  \(milliseconds) ms"
        case .skipped(let file, let reason):
            return "  skipped   \(file.path)  — \(reason)"
        case .retrying(let file, let attempt, let pause, let reason):
            return "  retrying  \(file.path)  (\(reason); attempt \(attempt + 1) in \(pause) ms)"
        }
    }

    public static func upSummary(_ run: MigrationRun) -> String {
        if run.applied.isEmpty {
            return "nothing to do" + (run.skipped.isEmpty ? "" : " (\(run.skipped.count) skipped)")
        }
        return "\(run.applied.count) applied, \(run.skipped.count) skipped in \(run.milliseconds) ms"
    }

    // MARK: status

    /// `{"command":"status","database","capabilities":{…},"pending","files":[{"state","path","kind",
    /// "version","checksum","applied_at","duration_ms","note"}]}`
    public static func statusJSON(_ status: MigrationStatus) throws -> String {
        struct Document: Encodable {
            let command = "status"
            let database: String
            let capabilities: ServerCapabilities
            let pending: Int
            let files: [MigrationStatus.Entry]
        }
        return try json(
            Document(
                database: status.database,
                capabilities: status.capabilities,
                pending: status.pending,
                files: status.entries
            )
        )
    }

    public static func statusText(_ status: MigrationStatus) -> String {
        let c = status.capabilities
        var lines = [
            "database     \(status.database)",
            "server       PostgreSQL \(c.serverVersion)",
            "pgvector     \(c.pgvector ?? "absent")",
            "timescaledb  \(c.timescaledb.map { "\($0) (license: \(c.timescaledbLicense ?? "?"))" } ?? "absent")",
            "pg_cron      \(c.pgCron ? "present" : "absent")",
        ]
        if let embeddings = c.embeddingStorage {
            lines.append("embeddings   \(embeddings)\(embeddings == "vector" ? " (pgvector, HNSW)" : " (exact scan)")")
        }
        if let queryPerformance = c.queryPerformanceStorage {
            lines.append("query_performance  \(queryPerformance)")
        }
        if let maintenance = status.maintenance {
            lines.append("maintenance  scheduler \(maintenance)")
        }
        lines.append("")
        let formatter = ISO8601DateFormatter()
        for entry in status.entries {
            var line = "  \(entry.state.padding(toLength: 9, withPad: " ", startingAt: 0)) \(entry.path)"
            if let at = entry.appliedAt { line += "  \(formatter.string(from: at))" }
            if let ms = entry.durationMs, entry.state == "applied" { line += "  \(ms) ms" }
            if let note = entry.note { line += "  — \(note)" }
            lines.append(line)
        }
        lines.append("")
        lines.append("\(status.pending) pending, \(status.entries.count) files")
        return lines.joined(separator: "\n")
    }

    // MARK: verify

    /// `{"command":"verify","ok","findings":[{"kind","path","message"}]}`
    public static func verifyJSON(_ findings: [VerificationFinding]) throws -> String {
        struct Document: Encodable {
            let command = "verify"
            let ok: Bool
            let findings: [VerificationFinding]
        }
        return try json(Document(ok: findings.isEmpty, findings: findings))
    }

    public static func verifyText(_ findings: [VerificationFinding]) -> String {
        if findings.isEmpty { return "no drift: disk and database agree" }
        return
            (findings.map {
                "  \($0.kind.padding(toLength: 16, withPad: " ", startingAt: 0)) \($0.path)  — \($0.message)"
            }
            + ["\(findings.count) finding(s)"]).joined(separator: "\n")
    }
}
