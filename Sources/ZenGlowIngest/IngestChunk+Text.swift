extension IngestChunk {
    /// A chunk's text, or why it cannot be stored or searched.
    enum CheckedText {
        case usable(String)
        case invalidUTF8
        case containsNUL
        case empty

        var usableText: String? {
            if case .usable(let text) = self { return text }
            return nil
        }
    }

    /// The one rule the loader's embedding step and the row validation both apply, so a chunk is
    /// embedded exactly when its text will be accepted.
    var checkedText: CheckedText {
        guard let text = String(validating: textBytes, as: UTF8.self) else { return .invalidUTF8 }
        guard !text.contains("\u{0}") else { return .containsNUL }
        guard !text.allSatisfy(\.isWhitespace) else { return .empty }
        return .usable(text)
    }
}
