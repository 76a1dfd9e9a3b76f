import Foundation

/// The SQL files of a project: `migrations/`, `sql/` and `timescale/` under one root.
public struct MigrationSource: Sendable {
    public let root: String
    /// Versioned files by number, then repeatable files in application order.
    public let files: [MigrationFile]
    /// Problems with the files themselves, found while reading them.
    public let refusals: [Refusal]

    /// Repeatable files are applied folder kind by folder kind, so that types exist before the
    /// functions using them, functions before views, and tables' policies and grants last; within
    /// one kind, by path. Function bodies are not checked at creation (`check_function_bodies = off`),
    /// so functions may call each other in any order.
    static let kindOrder = ["schemas", "types", "functions", "procedures", "views", "triggers", "policies", "grants"]

    public init(root: String) throws {
        self.root = root
        var refusals: [Refusal] = []
        var versioned: [MigrationFile] = []
        var repeatable: [MigrationFile] = []

        for path in try Self.sqlFiles(root: root, folder: "migrations") {
            let name = (path as NSString).lastPathComponent
            guard let version = Self.version(ofFileName: name) else {
                refusals.append(
                    Refusal(
                        code: "invalid_name",
                        path: path,
                        message: "versioned files are named NNNN_verb_object.sql (four digits, lowercase snake_case)",
                        fix: "rename it, e.g. with `zenglow migrate new verb_object`"
                    )
                )
                continue
            }
            versioned.append(
                try Self.read(root: root, path: path, kind: .versioned, version: version, refusals: &refusals))
        }
        for folder in ["sql", "timescale"] {
            for path in try Self.sqlFiles(root: root, folder: folder) {
                repeatable.append(
                    try Self.read(root: root, path: path, kind: .repeatable, version: nil, refusals: &refusals))
            }
        }

        let byVersion = Dictionary(grouping: versioned, by: { $0.version ?? 0 })
        for (version, files) in byVersion where files.count > 1 {
            let paths = files.map(\.path).sorted()
            refusals.append(
                Refusal(
                    code: "duplicate_version",
                    path: paths.joined(separator: ", "),
                    message: "\(paths.count) files share the number \(String(format: "%04d", version))",
                    fix: "renumber all but one of them above the highest number on disk"
                )
            )
        }
        versioned.sort { ($0.version ?? 0, $0.path) < ($1.version ?? 0, $1.path) }
        repeatable.sort { Self.repeatableOrderKey($0.path) < Self.repeatableOrderKey($1.path) }
        self.files = versioned + repeatable
        self.refusals = refusals.sorted { $0.path < $1.path }
    }

    /// The number of `0001_create_tenancy.sql`, or nil when the name does not follow the convention.
    static func version(ofFileName name: String) -> Int? {
        let pattern = /^([0-9]{4})_[a-z0-9]+(_[a-z0-9]+)*\.sql$/
        guard let match = name.wholeMatch(of: pattern) else { return nil }
        return Int(match.1)
    }

    private static func repeatableOrderKey(_ path: String) -> String {
        let components = path.split(separator: "/").map(String.init)
        let top = components.first == "sql" ? "0" : "1"
        let kind = components.count >= 3 ? components[components.count - 2] : ""
        let rank = kindOrder.firstIndex(of: kind) ?? kindOrder.count
        return "\(top)/\(String(format: "%02d", rank))/\(path)"
    }

    private static func sqlFiles(root: String, folder: String) throws -> [String] {
        let base = root + "/" + folder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { throw MigratorError(.invalidInput, "\(base) is not a folder") }
        // A folder linked into place (a deploy that symlinks migrations/) is read through its target:
        // the enumerator lists nothing under a link, and "nothing to do" would hide every file.
        let target = URL(fileURLWithPath: base).resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(atPath: target) else {
            throw MigratorError(.invalidInput, "cannot list \(base)")
        }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".sql") { paths.append(folder + "/" + relative) }
        }
        return paths.sorted()
    }

    private static func read(
        root: String,
        path: String,
        kind: MigrationFile.Kind,
        version: Int?,
        refusals: inout [Refusal]
    ) throws -> MigrationFile {
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
        guard let raw = String(data: data, encoding: .utf8) else {
            throw MigratorError(.invalidInput, "\(path) is not valid UTF-8")
        }
        let source = SourceText(raw: raw)
        let directives = FileDirectives(source.text, path: path)
        refusals += directives.refusals
        var requires = directives.requires
        if path.hasPrefix("timescale/"), !requires.contains(.timescaledb), !requires.contains(.timescaledbTSL) {
            requires.append(.timescaledb)
        }
        let statements = SQLSplitter.split(source.text)
        refusals += Self.transactionModeRefusals(
            path: path, source: source, statements: statements, transactional: !directives.noTransaction)
        return MigrationFile(
            path: path,
            kind: kind,
            version: version,
            source: source,
            transactional: !directives.noTransaction,
            requires: requires.sorted(),
            statements: statements
        )
    }

    private static func transactionModeRefusals(
        path: String,
        source: SourceText,
        statements: [SQLSplitter.Statement],
        transactional: Bool
    ) -> [Refusal] {
        for statement in statements {
            let outside = TransactionRules.mustRunOutsideTransaction(statement.text)
            let position = source.lineAndColumn(ofScalarOffset: statement.offset)
            if transactional, outside {
                return [
                    Refusal(
                        code: "no_transaction_statement",
                        path: "\(path):\(position.line)",
                        message: "this statement cannot run inside a transaction, and the file runs in one",
                        fix: "move it into a file of its own that starts with `-- zenglow:no-transaction`"
                    )
                ]
            }
            if !transactional, !outside, !TransactionRules.isSessionSetting(statement.text) {
                return [
                    Refusal(
                        code: "mixed_transaction_modes",
                        path: "\(path):\(position.line)",
                        message: "a no-transaction file may hold only statements that cannot run in a transaction "
                            + "(CREATE INDEX CONCURRENTLY, VACUUM…); this one needs a transaction",
                        fix: "move it into an ordinary (transactional) migration file"
                    )
                ]
            }
        }
        return []
    }
}
