/// A reason `migrate up` will not run anything, found before any SQL is sent; carries the fix.
public struct Refusal: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Stable codes for CI: `edited`, `out_of_order`, `duplicate_version`, `missing_file`,
    /// `invalid_name`, `mixed_transaction_modes`, `no_transaction_statement`, `unknown_directive`.
    public let code: String
    public let path: String
    public let message: String
    public let fix: String

    public var description: String { "\(path): \(message) — fix: \(fix)" }
}
