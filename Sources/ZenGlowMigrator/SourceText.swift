import Crypto
import Foundation

/// The text of a SQL file as ZenGlow checksums and runs it: BOM stripped, line endings LF.
///
/// Normalising first means a file re-saved with CRLF line endings or a BOM is not drift.
public struct SourceText: Sendable, Equatable {
    public let text: String

    public init(raw: String) {
        var text = raw
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        self.text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// `sha256:` followed by the hex SHA-256 of the normalised UTF-8 text; the tag names the
    /// algorithm so a later change of algorithm is told apart from an edit.
    public var checksum: String {
        "sha256:" + SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// 1-based line and column of the character at `offset` (in Unicode scalars).
    public func lineAndColumn(ofScalarOffset offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == offset { break }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
