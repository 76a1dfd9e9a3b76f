/// The metric names a PromQL expression selects, read the way PromQL's lexer reads them: an
/// identifier outside label matchers (`{…}`), ranges (`[…]`), strings and grouping label lists
/// (`by (…)`, `on (…)`, …) that is not a keyword and not a function (followed by `(`).
/// Expressions must parse (scripts/check-monitoring checks that with promtool); this does not.
enum PromQLNames {
    static let keywords: Set<String> = [
        "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
        "atan2", "inf", "nan",
        // Aggregation operators, which may be followed by `by (…)` before their parenthesis.
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
        "quantile",
    ]
    /// Keywords whose parenthesis holds label names, not an expression.
    static let labelLists: Set<String> = ["by", "without", "on", "ignoring", "group_left", "group_right"]

    static func metricNames(in expression: String) -> Set<String> {
        let characters = Array(expression)
        var names: Set<String> = []
        var index = 0
        func skip(past closing: Character) {
            while index < characters.count, characters[index] != closing {
                if "\"'`".contains(characters[index]) { skipString() } else { index += 1 }
            }
            index += 1
        }
        func skipString() {
            let quote = characters[index]
            index += 1
            while index < characters.count, characters[index] != quote {
                index += characters[index] == "\\" ? 2 : 1
            }
            index += 1
        }
        while index < characters.count {
            let character = characters[index]
            if "\"'`".contains(character) {
                skipString()
            } else if character == "{" {
                skip(past: "}")
            } else if character == "[" {
                skip(past: "]")
            } else if character.isNumber || character == "." {
                while index < characters.count,
                    characters[index].isLetter || characters[index].isNumber || ".".contains(characters[index])
                {
                    index += 1
                }
            } else if character.isLetter || character == "_" || character == ":" {
                let start = index
                while index < characters.count,
                    characters[index].isLetter || characters[index].isNumber || "_:".contains(characters[index])
                {
                    index += 1
                }
                let word = String(characters[start..<index])
                var next = index
                while next < characters.count, characters[next].isWhitespace { next += 1 }
                let followedByParenthesis = next < characters.count && characters[next] == "("
                if labelLists.contains(word.lowercased()), followedByParenthesis {
                    index = next + 1
                    skip(past: ")")
                } else if !keywords.contains(word.lowercased()), !followedByParenthesis {
                    names.insert(word)
                }
            } else {
                index += 1
            }
        }
        return names
    }
}
