import Foundation

/// Where a spool run's time went: the `durations` of every batch summary under SPOOL_REPORT_DIR,
/// summed. The worker times `decode` per file and copies it into each batch of the file, so the
/// benchmark writes one batch per file and the sum counts each read once.
struct SpoolStageTimes: Sendable {
    private struct Summary: Decodable {
        let accepted: Int
        let embedded: Int
        let durations: [String: Double]
    }

    /// Seconds per stage (`decode`, `pii`, `embed`, `load`, `total`).
    var seconds: [String: Double] = [:]
    var batches = 0
    var accepted = 0
    var embedded = 0

    static let stages = ["decode", "pii", "embed", "load"]

    /// Reads every `*.json` summary in `reportDirectory/tenant`.
    init(reportDirectory: String, tenant: String) throws {
        let folder = "\(reportDirectory)/\(tenant)"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.hasSuffix(".json") && !$0.hasPrefix(".")
        }
        let decoder = JSONDecoder()
        for name in names {
            guard let data = FileManager.default.contents(atPath: "\(folder)/\(name)") else { continue }
            let summary = try decoder.decode(Summary.self, from: data)
            batches += 1
            accepted += summary.accepted
            embedded += summary.embedded
            for (stage, milliseconds) in summary.durations { seconds[stage, default: 0] += milliseconds / 1000 }
        }
    }

    /// `decode 0.4 s (3 %), pii 0.2 s (1 %), …, other 1.1 s (8 %)` of `wall` seconds; "other" is
    /// what no batch summary accounts for: start-up (model load), claims, file moves, summaries.
    func breakdown(wall: Double) -> String {
        let parts = Self.stages.map { ($0, seconds[$0, default: 0]) }
        let counted = parts.reduce(0) { $0 + $1.1 }
        return (parts + [("other", max(0, wall - counted))]).map { stage, value in
            String(format: "%@ %.2f s (%.0f %%)", stage, value, wall > 0 ? 100 * value / wall : 0)
        }.joined(separator: ", ")
    }
}
