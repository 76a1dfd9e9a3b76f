import Foundation
import ZenGlowIngest

/// `--dry-run`: reads, validates and scans every ready file as a run would, and reports what a
/// run would do, without claiming, loading or writing anything (the files stay in `incoming/`).
/// Whether each tenant exists is not checked: that takes the database, which a dry run leaves alone.
public enum SpoolDryRun {
    public struct FileReport: Sendable {
        public let file: String
        public let batches: [String]
        public let chunks: Int
        /// Chunks without an embedding, which a run would embed.
        public let textOnly: Int
        public let pii: PIIFindings
        public let failures: [SpoolFailure]
    }

    public static func check(_ configuration: SpoolConfiguration) -> [FileReport] {
        let directory = configuration.directory
        let reader = SpoolFileReader(
            maxFileBytes: configuration.maxFileBytes, maxDecompressedBytes: configuration.maxDecompressedBytes)
        let scanner = PIIScanner(mode: configuration.piiMode)
        return SpoolClaimer(directory: directory).ready().map { entry in
            guard case .spoolFile(let kind) = SpoolFileKind.recognize(entry.name) else {
                return FileReport(
                    file: entry.name, batches: [], chunks: 0, textOnly: 0, pii: PIIFindings(),
                    failures: [SpoolFailure(.unknownFormat, "not a spool file name")])
            }
            let contents: SpoolFileReader.Contents
            do throws(SpoolFailure) {
                contents = try reader.read(path: directory.path(.incoming, entry.name), kind: kind)
            } catch {
                return FileReport(
                    file: entry.name, batches: [], chunks: 0, textOnly: 0, pii: PIIFindings(), failures: [error])
            }
            var failures = contents.failures
            var findings = PIIFindings()
            for spoolBatch in contents.batches {
                do {
                    findings.add(try scanner.scan(spoolBatch.batch).findings)
                } catch {
                    var failure = SpoolFailure.classify(error, batch: spoolBatch.batch).failure
                    failure.frame = spoolBatch.frame
                    failures.append(failure)
                }
            }
            let chunks = contents.batches.flatMap { $0.batch.documents.flatMap(\.chunks) }
            return FileReport(
                file: entry.name, batches: contents.batches.map(\.batch.tag), chunks: chunks.count,
                textOnly: chunks.filter { $0.embedding == nil }.count, pii: findings,
                failures: failures.sorted { ($0.frame ?? 0) < ($1.frame ?? 0) })
        }
    }
}
