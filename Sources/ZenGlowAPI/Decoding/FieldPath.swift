/// A coding path as a client wrote it: `documents[2].chunks[0].text`.
struct FieldPath: CustomStringConvertible {
    let keys: [any CodingKey]

    init(_ keys: [any CodingKey]) {
        self.keys = keys
    }

    var description: String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}

/// Any key, for reading the keys a client sent.
struct AnyCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    /// Refuses a body object holding a field that `Keys` does not list, naming it and the
    /// fields that are allowed: a misspelt optional field would otherwise be ignored silently.
    func refuseUnknownFields<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
        let allowed = Set(Keys.allCases.map(\.stringValue))
        let container = try container(keyedBy: AnyCodingKey.self)
        guard let unknown = container.allKeys.map(\.stringValue).filter({ !allowed.contains($0) }).min() else {
            return
        }
        throw APIError(
            .badRequest, .invalidRequest,
            "unknown field '\(FieldPath(codingPath + [AnyCodingKey(stringValue: unknown)]))'; allowed: "
                + allowed.sorted().joined(separator: ", "))
    }

    /// The path of `key` in this decoder's object, for messages.
    func path(_ key: some CodingKey) -> String {
        FieldPath(codingPath + [key]).description
    }
}

extension KeyedDecodingContainer {
    /// An integer field, read as a number first: Foundation's JSONDecoder on Linux reports 2.5 or
    /// 1e20 for an `Int` as "not valid JSON" without naming the field.
    func decodeIntegerIfPresent(forKey key: Key) throws -> Int? {
        guard let number = try decodeIfPresent(Double.self, forKey: key) else { return nil }
        guard number.rounded() == number, let integer = Int(exactly: number) else {
            throw APIError(.badRequest, .invalidRequest, "field '\(FieldPath(codingPath + [key]))' must be an integer")
        }
        return integer
    }
}

extension String {
    /// PostgreSQL text cannot hold NUL; a field that would reach SQL as text is refused with it.
    func refusingNUL(field: @autoclosure () -> String) throws -> String {
        guard !utf8.contains(0) else {
            throw APIError(
                .badRequest, .invalidRequest, "field '\(field())' holds a NUL character, which text cannot hold")
        }
        return self
    }
}
