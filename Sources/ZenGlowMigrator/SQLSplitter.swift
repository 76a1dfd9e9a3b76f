/// Splits SQL text into statements at top-level semicolons.
///
/// Correct for dollar-quoted bodies (`$$`, `$tag$`), single-quoted strings (with `''`), `E''`
/// strings (with backslash escapes), quoted identifiers, nested block comments and line comments,
/// so a semicolon inside any of them never ends a statement.
public enum SQLSplitter {
    /// One statement and where it starts in the text, for mapping server error positions back.
    public struct Statement: Sendable, Equatable {
        /// The statement text without its terminating semicolon, surrounding whitespace trimmed.
        public let text: String
        /// Offset of the statement's first character in the text, in Unicode scalars (PostgreSQL's
        /// error positions count characters, not bytes).
        public let offset: Int
    }

    /// The statements of `sql`; empty statements and those consisting only of comments are dropped.
    public static func split(_ sql: String) -> [Statement] {
        let scalars = Array(sql.unicodeScalars)
        var statements: [Statement] = []
        var start = 0
        var index = 0
        var hasCode = false

        func finish(at end: Int) {
            if hasCode {
                var first = start
                var last = end
                while first < last, scalars[first].properties.isWhitespace { first += 1 }
                while last > first, scalars[last - 1].properties.isWhitespace { last -= 1 }
                var text = String.UnicodeScalarView()
                text.append(contentsOf: scalars[first..<last])
                statements.append(Statement(text: String(text), offset: first))
            }
            hasCode = false
        }

        while index < scalars.count {
            let c = scalars[index]
            let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch c {
            case "-" where next == "-":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                continue
            case "/" where next == "*":
                index = skipBlockComment(scalars, from: index)
                continue
            case "'":
                let escaped =
                    index > 0 && (scalars[index - 1] == "E" || scalars[index - 1] == "e")
                    && !(index > 1 && isIdentifierPart(scalars[index - 2]))
                index = skipQuoted(scalars, from: index, quote: "'", backslashEscapes: escaped)
                hasCode = true
                continue
            case "\"":
                index = skipQuoted(scalars, from: index, quote: "\"", backslashEscapes: false)
                hasCode = true
                continue
            case "$":
                if let tagEnd = dollarTagEnd(scalars, from: index),
                    !(index > 0 && isIdentifierPart(scalars[index - 1]))
                {
                    index = skipDollarQuoted(scalars, tagStart: index, tagEnd: tagEnd)
                    hasCode = true
                    continue
                }
            case ";":
                finish(at: index)
                start = index + 1
                index += 1
                continue
            default:
                break
            }
            if !c.properties.isWhitespace { hasCode = true }
            index += 1
        }
        finish(at: scalars.count)
        return statements
    }

    private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "$"
    }

    /// Block comments nest in PostgreSQL, unlike in the SQL standard's C heritage.
    private static func skipBlockComment(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var depth = 0
        var i = start
        while i < s.count {
            if s[i] == "/", i + 1 < s.count, s[i + 1] == "*" {
                depth += 1
                i += 2
            } else if s[i] == "*", i + 1 < s.count, s[i + 1] == "/" {
                depth -= 1
                i += 2
                if depth == 0 { return i }
            } else {
                i += 1
            }
        }
        return s.count
    }

    private static func skipQuoted(
        _ s: [Unicode.Scalar],
        from start: Int,
        quote: Unicode.Scalar,
        backslashEscapes: Bool
    ) -> Int {
        var i = start + 1
        while i < s.count {
            if backslashEscapes, s[i] == "\\" {
                i += 2
                continue
            }
            if s[i] == quote {
                if i + 1 < s.count, s[i + 1] == quote {
                    i += 2  // a doubled quote stands for itself
                    continue
                }
                return i + 1
            }
            i += 1
        }
        return s.count
    }

    /// The index just past the closing `$` of a dollar-quote tag starting at `start`, if one starts there.
    private static func dollarTagEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        var i = start + 1
        while i < s.count {
            let c = s[i]
            if c == "$" { return i + 1 }
            let allowed = c == "_" || c.properties.isAlphabetic || (i > start + 1 && ("0"..."9").contains(c))
            if !allowed { return nil }
            i += 1
        }
        return nil
    }

    private static func skipDollarQuoted(_ s: [Unicode.Scalar], tagStart: Int, tagEnd: Int) -> Int {
        let tag = Array(s[tagStart..<tagEnd])
        var i = tagEnd
        while i + tag.count <= s.count {
            if s[i] == "$", Array(s[i..<(i + tag.count)]) == tag { return i + tag.count }
            i += 1
        }
        return s.count
    }
}
