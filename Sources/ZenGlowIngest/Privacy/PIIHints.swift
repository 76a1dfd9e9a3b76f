/// Which rules could match a text, from one pass over its UTF-8 bytes: the necessary conditions
/// for each pattern (an `@` for an e-mail address, `zg_` for a ZenGlow key, a run of digits that
/// could be written as a phone number, …). Nearly every log value and most chunks fail all of
/// them and skip the regular expressions, which are the costly part (they run on a UTF-16 copy).
struct PIIHints: OptionSet, Sendable {
    let rawValue: UInt8

    static let bearer = PIIHints(rawValue: 1 << 0)
    static let jwt = PIIHints(rawValue: 1 << 1)
    static let awsKey = PIIHints(rawValue: 1 << 2)
    static let zenGlowKey = PIIHints(rawValue: 1 << 3)
    static let secretKey = PIIHints(rawValue: 1 << 4)
    static let email = PIIHints(rawValue: 1 << 5)
    static let phone = PIIHints(rawValue: 1 << 6)
    static let all: PIIHints = [.bearer, .jwt, .awsKey, .zenGlowKey, .secretKey, .email, .phone]

    /// What a byte means to the scan; most bytes of any text are `.other`.
    private enum ByteClass: UInt8 {
        /// Ends a phone run and triggers nothing.
        case other
        /// A digit or a phone separator: space ( ) + . -
        case phoneRun
        /// A byte some credential or address pattern hinges on: @ b B J _ I
        case trigger
    }

    private static let classes: [ByteClass] = (0...255).map { value in
        switch UInt8(value) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: " "), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "-"):
            .phoneRun
        case UInt8(ascii: "@"), UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "J"), UInt8(ascii: "_"),
            UInt8(ascii: "I"):
            .trigger
        default:
            .other
        }
    }

    /// The hints `bytes` satisfies, in one pass with a table lookup per byte.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> PIIHints {
        classes.withUnsafeBufferPointer { classes in
            var found: PIIHints = []
            var run = PhoneNumber.Run()
            for index in bytes.indices {
                let byte = bytes[index]
                switch classes[Int(byte)] {
                case .other:
                    if run.isActive, run.end() { found.insert(.phone) }
                case .phoneRun:
                    run.add(byte)
                    if byte == UInt8(ascii: "-"), follows("k", before: index, in: bytes) { found.insert(.secretKey) }
                case .trigger:
                    if run.isActive, run.end() { found.insert(.phone) }
                    found.formUnion(trigger(byte, at: index, in: bytes))
                }
            }
            if run.isActive, run.end() { found.insert(.phone) }
            return found
        }
    }

    /// The hint a trigger byte completes: `@`; `bearer` in any case; `eyJ`; `zg_`, `k_live_`,
    /// `k_test_`; `AKIA`, `ASIA`.
    private static func trigger(_ byte: UInt8, at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> PIIHints {
        switch byte {
        case UInt8(ascii: "@"):
            return .email
        case UInt8(ascii: "b"), UInt8(ascii: "B"):
            return follows("earer", after: index, in: bytes, ignoringCase: true) ? .bearer : []
        case UInt8(ascii: "J"):
            return follows("ey", before: index, in: bytes) ? .jwt : []
        case UInt8(ascii: "_"):
            if follows("zg", before: index, in: bytes) { return .zenGlowKey }
            let stripe =
                follows("k", before: index, in: bytes)
                && (follows("live_", after: index, in: bytes) || follows("test_", after: index, in: bytes))
            return stripe ? .secretKey : []
        case UInt8(ascii: "I"):
            let aws =
                (follows("AK", before: index, in: bytes) || follows("AS", before: index, in: bytes))
                && follows("A", after: index, in: bytes)
            return aws ? .awsKey : []
        default:
            return []
        }
    }

    /// Whether the ASCII `word` ends just before `index`.
    private static func follows(_ word: StaticString, before index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = index - word.utf8CodeUnitCount
        return start >= 0 && matches(word, at: start, in: bytes, ignoringCase: false)
    }

    /// Whether the ASCII `word` starts just after `index`.
    private static func follows(
        _ word: StaticString, after index: Int, in bytes: UnsafeBufferPointer<UInt8>, ignoringCase: Bool = false
    ) -> Bool {
        matches(word, at: index + 1, in: bytes, ignoringCase: ignoringCase)
    }

    private static func matches(
        _ word: StaticString, at start: Int, in bytes: UnsafeBufferPointer<UInt8>, ignoringCase: Bool
    ) -> Bool {
        let count = word.utf8CodeUnitCount
        guard start + count <= bytes.count else { return false }
        let letters = word.utf8Start
        for offset in 0..<count {
            var byte = bytes[start + offset]
            if ignoringCase, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) { byte |= 0x20 }
            if byte != letters[offset] { return false }
        }
        return true
    }
}
