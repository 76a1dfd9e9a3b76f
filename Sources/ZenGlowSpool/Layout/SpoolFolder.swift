/// The four folders of a spool. A file is in exactly one of them at any time: writers publish into
/// `incoming` by rename, the worker claims by rename into `processing`, and finishes by rename
/// into `archive` or `failed`.
public enum SpoolFolder: String, Sendable, CaseIterable, Codable {
    case incoming, processing, archive, failed
}
