/// The COPY format the loader streams staged rows in.
public enum StagingFormat: String, Sendable, CaseIterable {
    /// COPY's binary format: integers and floats as bits, text unescaped (the default).
    case binary
    /// COPY's text format, as the loader streamed before binary (kept for `zenglow bench load`).
    case text
}
