import ZenGlowIngest

/// Looks for personal data and credentials in every chunk's text and every document's title
/// before a batch is loaded, with the patterns of ``PIIScrubber``, and acts per ``PIIMode``.
public struct PIIScanner: Sendable {
    public let mode: PIIMode

    public init(mode: PIIMode) {
        self.mode = mode
    }

    /// flag: the batch unchanged and the counts; redact: the batch with matches replaced by
    /// placeholders (`[email]`, `[phone]`, `[api-key]`, `[secret]`, `Bearer [redacted]`, `[token]`,
    /// `[aws-key]`) and the counts; reject: throws ``PIIRejection`` for the first chunk (in batch
    /// order) with a finding; off: the batch unchanged, nothing scanned.
    public func scan(_ batch: IngestBatch) throws -> (batch: IngestBatch, findings: PIIFindings) {
        guard mode != .off else { return (batch, PIIFindings()) }
        var result = batch  // copied only when redact changes something
        var total = PIIFindings()
        var row = 0
        for (documentIndex, document) in batch.documents.enumerated() {
            if let first = document.chunks.first, let found = Self.findings(in: document.title) {
                try check(found.findings, document: document, chunkOrder: first.order, field: .title, row: row + 1)
                total.add(found.findings)
                if mode == .redact { result.documents[documentIndex].title = found.text }
            }
            for (chunkIndex, chunk) in document.chunks.enumerated() {
                row += 1
                // The cheap byte test first: most chunks hold nothing and are never decoded.
                guard PIIScrubber.mayContainPII(chunk.textBytes),
                    // Invalid UTF-8 is never stored (the loader rejects the row), so it is not scanned.
                    let text = String(validating: chunk.textBytes, as: UTF8.self),
                    let found = Self.findings(in: text)
                else { continue }
                try check(found.findings, document: document, chunkOrder: chunk.order, field: .text, row: row)
                total.add(found.findings)
                if mode == .redact {
                    result.documents[documentIndex].chunks[chunkIndex].textBytes = Array(found.text.utf8)
                }
            }
        }
        return (result, total)
    }

    private static func findings(in text: String) -> (text: String, findings: PIIFindings)? {
        guard PIIScrubber.mayContainPII(text) else { return nil }
        let result = PIIScrubber.redact(text)
        return result.findings.total > 0 ? result : nil
    }

    private func check(
        _ findings: PIIFindings, document: IngestDocument, chunkOrder: Int, field: PIIRejection.Field, row: Int
    ) throws {
        guard mode == .reject, let kind = PIIKind.allCases.first(where: { findings[$0] > 0 }) else { return }
        throw PIIRejection(documentID: document.id, chunkOrder: chunkOrder, kind: kind.rawValue, field: field, row: row)
    }
}
