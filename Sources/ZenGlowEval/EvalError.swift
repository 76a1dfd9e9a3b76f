/// A problem with evaluation input or a run, described for the person who ran it.
public struct EvalError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
