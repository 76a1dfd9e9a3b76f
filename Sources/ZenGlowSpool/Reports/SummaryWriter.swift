import Foundation

/// Writes each batch's ``IngestSummary`` to `<directory>/<tenant>/<batch_tag>.json` and finds a
/// tenant's previous one for the drift check.
public struct SummaryWriter: Sendable {
    /// `SPOOL_REPORT_DIR`; created with mode 0700 when missing.
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Writes the summary atomically (temporary file, fsync, rename) and returns its path; a
    /// summary already there for the same batch (a re-submission) is replaced.
    @discardableResult
    public func write(_ summary: IngestSummary) throws -> String {
        let folder = try tenantFolder(summary.tenant)
        let name = try Self.fileName(summary.batchTag, what: "batch tag")
        let path = "\(folder)/\(name).json"
        try DurableFile.makeDirectory(folder)
        let data = try ReportJSON.encoder(pretty: true).encode(summary) + Data("\n".utf8)
        try DurableFile.replace(path, with: data)
        return path
    }

    /// The `limit` newest summaries (by file time, then `written_at`), of `tenant` or of every
    /// tenant; for `zenglow spool report`. Unreadable files are skipped.
    public func latest(limit: Int, tenant: String? = nil) -> [IngestSummary] {
        let tenants =
            tenant.map { [$0] }
            ?? ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }
        var files: [(path: String, modified: Date)] = []
        for name in tenants {
            guard let folder = try? tenantFolder(name),
                let entries = try? FileManager.default.contentsOfDirectory(atPath: folder)
            else { continue }
            for entry in entries where entry.hasSuffix(".json") && !entry.hasPrefix(".") {
                let path = "\(folder)/\(entry)"
                if let modified = try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date {
                    files.append((path, modified))
                }
            }
        }
        let decoder = ReportJSON.decoder()
        return files.sorted { $0.modified > $1.modified }.prefix(limit)
            .compactMap { file in
                FileManager.default.contents(atPath: file.path).flatMap {
                    try? decoder.decode(IngestSummary.self, from: $0)
                }
            }
            .sorted { $0.writtenAt > $1.writtenAt }
    }

    /// The tenant's newest summary by `written_at` other than `batchTag`'s own, or nil when there
    /// is none. Unreadable files are skipped.
    public func previous(tenant: String, before batchTag: String) -> IngestSummary? {
        guard let folder = try? tenantFolder(tenant),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else { return nil }
        let own = "\(batchTag).json"
        // Newest file first, so only the few newest are read rather than the tenant's whole history.
        let candidates = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") && $0 != own }
            .compactMap { name -> (path: String, modified: Date)? in
                let path = "\(folder)/\(name)"
                let modified = try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
                return modified.map { (path, $0) }
            }
            .sorted { $0.modified > $1.modified }
        let decoder = ReportJSON.decoder()
        var newest: IngestSummary?
        for candidate in candidates {
            // written_at is set before the file is written, so it is never later than the file's
            // modification time (give or take the file system's clock granularity): once a file
            // was modified before the newest written_at so far, no older file can beat it.
            if let newest, candidate.modified < newest.writtenAt.addingTimeInterval(-1) { break }
            guard let data = FileManager.default.contents(atPath: candidate.path),
                let summary = try? decoder.decode(IngestSummary.self, from: data),
                summary.tenant == tenant, summary.batchTag != batchTag
            else { continue }
            if newest.map({ summary.writtenAt > $0.writtenAt }) ?? true { newest = summary }
        }
        return newest
    }

    private func tenantFolder(_ tenant: String) throws -> String {
        let name = try Self.fileName(tenant, what: "tenant")
        return "\(directory)/\(name)"
    }

    /// Tenants and batch tags become file names; one that could climb out of the report folder
    /// or hide itself is refused rather than rewritten.
    private static func fileName(_ name: String, what: String) throws -> String {
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/"), !name.contains("\0") else {
            throw ReportError(.unsafeName, "the \(what) \"\(name)\" cannot name a report file")
        }
        return name
    }
}
