/// What the spool worker does with personal data and credentials in chunk text (`INGEST_PII`).
public enum PIIMode: String, Sendable, Codable, CaseIterable {
    /// No scan at all.
    case off
    /// Count what is found and report it in the summary; load the text as it came.
    case flag
    /// Replace what is found with placeholders before loading, and report the counts.
    case redact
    /// Refuse the whole batch at the first finding.
    case reject
}
