/// Exactly what `migrate up` would do, in order; computed without changing anything.
public struct MigrationPlan: Sendable, Equatable {
    /// One file's fate in this run.
    public struct Step: Sendable, Equatable {
        public enum Action: String, Sendable, Codable {
            /// A versioned file, or a repeatable file never applied.
            case apply
            /// A repeatable file whose checksum changed since it was last applied.
            case reapply
            /// Not applied now; `reason` says why (a missing capability, a deferred repeatable).
            case skip
        }
        public let action: Action
        public let file: MigrationFile
        public let reason: String?
        /// For a no-transaction file whose earlier attempt failed: statements already applied, skipped now.
        public var resumeAfter: Int = 0
    }

    public let steps: [Step]
    public let refusals: [Refusal]
    /// Things worth saying that do not stop the run (drift allowed by `--allow-drift`…).
    public let warnings: [String]

    /// Steps that run SQL.
    public var runnable: [Step] { steps.filter { $0.action != .skip } }
}

/// What the planner needs besides the files and the history.
public struct PlanOptions: Sendable, Equatable {
    /// Apply versioned files up to and including this number only.
    public var target: Int?
    /// Run even though applied files were edited.
    public var allowDrift: Bool
    /// Apply new files numbered below the highest applied one.
    public var outOfOrder: Bool

    public init(target: Int? = nil, allowDrift: Bool = false, outOfOrder: Bool = false) {
        self.target = target
        self.allowDrift = allowDrift
        self.outOfOrder = outOfOrder
    }
}

/// Compares the files on disk with the history and the server's capabilities.
enum Planner {
    static func plan(
        source: MigrationSource,
        history: History,
        capabilities: ServerCapabilities,
        options: PlanOptions
    ) -> MigrationPlan {
        var refusals = source.refusals
        var warnings: [String] = []
        var steps: [MigrationPlan.Step] = []
        let applied = history.versions
        let highest = history.highestVersion ?? 0
        let filesByVersion = Dictionary(
            source.files.filter { $0.kind == .versioned }.map { ($0.version ?? 0, $0) },
            uniquingKeysWith: { first, _ in first }
        )

        for (version, entry) in applied.sorted(by: { $0.key < $1.key }) where entry.status == .applied {
            guard let file = filesByVersion[version] else {
                refusals.append(
                    Refusal(
                        code: "missing_file",
                        path: entry.path,
                        message: "applied on \(entry.appliedAt) but no longer on disk",
                        fix: "restore the file from version control; applied migrations are never deleted"
                    )
                )
                continue
            }
            if file.checksum != entry.checksum {
                let refusal = Refusal(
                    code: "edited",
                    path: file.path,
                    message: "edited after it was applied (history \(entry.checksum.prefix(19))…, disk "
                        + "\(file.checksum.prefix(19))…)",
                    fix: "revert the edit and put the change in a new migration (`zenglow migrate new`), "
                        + "or pass --allow-drift"
                )
                if options.allowDrift { warnings.append(refusal.description) } else { refusals.append(refusal) }
            }
        }

        for file in source.files where file.kind == .versioned {
            guard let version = file.version, applied[version] == nil else { continue }
            if let target = options.target, version > target { continue }
            if let reason = missingCapability(file, capabilities) {
                steps.append(.init(action: .skip, file: file, reason: reason))
                continue
            }
            // A file that waited for a capability is expected to land below newer versions.
            if version < highest, !options.outOfOrder, file.requires.isEmpty {
                refusals.append(
                    Refusal(
                        code: "out_of_order",
                        path: file.path,
                        message: "new file numbered below the highest applied version "
                            + String(format: "%04d", highest),
                        fix: "renumber it above \(String(format: "%04d", highest)) or pass --out-of-order"
                    )
                )
                continue
            }
            steps.append(.init(action: .apply, file: file, reason: nil, resumeAfter: history.resumePoint(for: file)))
        }

        let highestOnDisk = filesByVersion.keys.max() ?? 0
        let deferRepeatables = options.target.map { $0 < highestOnDisk } ?? false
        let lastApplied = history.repeatables
        for file in source.files where file.kind == .repeatable {
            let previous = lastApplied[file.path]
            if previous?.checksum == file.checksum { continue }
            if deferRepeatables {
                steps.append(
                    .init(action: .skip, file: file, reason: "deferred: --target stops before the last versioned file"))
            } else if let reason = missingCapability(file, capabilities) {
                steps.append(.init(action: .skip, file: file, reason: reason))
            } else {
                steps.append(
                    .init(
                        action: previous == nil ? .apply : .reapply,
                        file: file,
                        reason: nil,
                        resumeAfter: history.resumePoint(for: file)
                    )
                )
            }
        }
        return MigrationPlan(steps: steps, refusals: refusals, warnings: warnings)
    }

    private static func missingCapability(_ file: MigrationFile, _ capabilities: ServerCapabilities) -> String? {
        for capability in file.requires {
            if let reason = capabilities.missingReason(capability) {
                return "requires \(capability.rawValue): \(reason)"
            }
        }
        return nil
    }
}
