/// Which statements PostgreSQL refuses to run inside a transaction block.
enum TransactionRules {
    /// True when `statement` cannot run inside BEGIN … COMMIT, e.g. `CREATE INDEX CONCURRENTLY`.
    static func mustRunOutsideTransaction(_ statement: String) -> Bool {
        let words = leadingWords(statement, count: 8)
        func starts(_ prefix: [String]) -> Bool { words.starts(with: prefix) }
        if starts(["create", "index", "concurrently"]) || starts(["create", "unique", "index", "concurrently"]) {
            return true
        }
        if starts(["drop", "index", "concurrently"]) || starts(["vacuum"]) || starts(["alter", "system"]) {
            return true
        }
        if starts(["create", "database"]) || starts(["drop", "database"]) { return true }
        if starts(["create", "tablespace"]) || starts(["drop", "tablespace"]) { return true }
        if starts(["reindex"]) && words.contains("concurrently") { return true }
        if starts(["alter", "table"]) && words.contains("detach") && statement.lowercased().hasSuffix("concurrently") {
            return true
        }
        return false
    }

    /// True for statements that only change session settings and fit either mode.
    static func isSessionSetting(_ statement: String) -> Bool {
        let first = leadingWords(statement, count: 1).first
        return first == "set" || first == "reset"
    }

    /// The first lowercase words of a statement, comments skipped.
    private static func leadingWords(_ statement: String, count: Int) -> [String] {
        var words: [String] = []
        var current = ""
        var scalars = statement.unicodeScalars[...]
        while let c = scalars.first, words.count < count {
            if c == "-", scalars.dropFirst().first == "-" {
                while let d = scalars.first, d != "\n" { scalars = scalars.dropFirst() }
                continue
            }
            if c == "/", scalars.dropFirst().first == "*" {
                var depth = 0
                while !scalars.isEmpty {
                    if scalars.starts(with: "/*".unicodeScalars) {
                        depth += 1
                        scalars = scalars.dropFirst(2)
                    } else if scalars.starts(with: "*/".unicodeScalars) {
                        depth -= 1
                        scalars = scalars.dropFirst(2)
                        if depth == 0 { break }
                    } else {
                        scalars = scalars.dropFirst()
                    }
                }
                continue
            }
            if c.properties.isAlphabetic || c == "_" {
                current.unicodeScalars.append(c)
            } else if !current.isEmpty {
                words.append(current.lowercased())
                current = ""
            }
            scalars = scalars.dropFirst()
        }
        if !current.isEmpty, words.count < count { words.append(current.lowercased()) }
        return words
    }
}
