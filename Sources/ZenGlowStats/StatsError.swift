/// What `zenglow stats` could not do, in one line naming the argument or object at fault.
public struct StatsError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
