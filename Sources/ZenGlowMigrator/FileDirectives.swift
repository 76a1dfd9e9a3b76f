/// The `-- zenglow:` header lines of a SQL file.
struct FileDirectives {
    var noTransaction = false
    var requires: [Capability] = []
    var refusals: [Refusal] = []

    /// Reads the comment lines before the first line of SQL.
    init(_ text: String, path: String) {
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard line.hasPrefix("--") else { break }
            let comment = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
            guard comment.hasPrefix("zenglow:") else { continue }
            let words = comment.dropFirst("zenglow:".count).split(separator: " ").map(String.init)
            switch words.first {
            case "no-transaction" where words.count == 1:
                noTransaction = true
            case "requires" where words.count >= 2:
                for name in words.dropFirst() {
                    if let capability = Capability(rawValue: name) {
                        requires.append(capability)
                    } else {
                        refusals.append(unknown(path, index + 1, "unknown capability '\(name)'"))
                    }
                }
            default:
                refusals.append(unknown(path, index + 1, "unknown directive '\(comment)'"))
            }
        }
    }

    private func unknown(_ path: String, _ line: Int, _ message: String) -> Refusal {
        Refusal(
            code: "unknown_directive",
            path: "\(path):\(line)",
            message: message,
            fix: "use `-- zenglow:no-transaction` or `-- zenglow:requires "
                + Capability.allCases.map(\.rawValue).joined(separator: "|") + "`"
        )
    }
}
