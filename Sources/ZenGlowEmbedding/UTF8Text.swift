/// Text from bytes that must be UTF-8, refused with the offset of the first byte that is not.
public enum UTF8Text {
    /// The text of `bytes`; `source` names where they came from in the error (a file, `stdin`).
    public static func decode(_ bytes: [UInt8], source: String) throws -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        throw EmbeddingError(
            .invalidText, "\(source): not valid UTF-8 at byte \(firstInvalidOffset(bytes)); nothing embedded")
    }

    /// The offset of the first byte that does not begin or continue a well-formed UTF-8 sequence.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }
}
