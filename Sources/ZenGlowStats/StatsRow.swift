/// One row of a report's series (a bucket of a group, a batch, a week, a weight change): what
/// `--json` prints as an object and `--csv` as a line, its fields in a fixed order.
public struct StatsRow: Sendable, Equatable, Encodable {
    /// One named value.
    public struct Field: Sendable, Equatable {
        public let name: String
        public let value: StatsValue

        public init(_ name: String, _ value: StatsValue) {
            self.name = name
            self.value = value
        }
    }

    public let fields: [Field]

    public init(_ fields: KeyValuePairs<String, StatsValue>) {
        self.fields = fields.map { Field($0.key, $0.value) }
    }

    public init(fields: [Field]) {
        self.fields = fields
    }

    /// The value named `name`, if the row has it.
    public subscript(name: String) -> StatsValue? {
        fields.first { $0.name == name }?.value
    }

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for field in fields {
            try container.encode(field.value, forKey: Key(stringValue: field.name))
        }
    }
}
