import Foundation

/// Creates the next numbered file in `migrations/`.
public enum NewMigration {
    /// Writes `migrations/NNNN_<name>.sql` with the next free number and returns its path.
    public static func create(named name: String, root: String) throws -> String {
        guard name.wholeMatch(of: /[a-z0-9]+(_[a-z0-9]+)+/) != nil else {
            throw MigratorError(
                .invalidInput,
                "migration names are lowercase snake_case verb_object, e.g. create_documents (got '\(name)')"
            )
        }
        let folder = root + "/migrations"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let existing = try FileManager.default.contentsOfDirectory(atPath: folder)
            .compactMap { MigrationSource.version(ofFileName: $0) }
        let next = (existing.max() ?? 0) + 1
        guard next <= 9999 else { throw MigratorError(.invalidInput, "migrations/ already holds number 9999") }
        let path = "migrations/\(String(format: "%04d", next))_\(name).sql"
        let template = "-- \(name.replacingOccurrences(of: "_", with: " ")): say what this changes and why.\n\n"
        guard FileManager.default.createFile(atPath: root + "/" + path, contents: Data(template.utf8)) else {
            throw MigratorError(.invalidInput, "cannot create \(path)")
        }
        return path
    }
}
