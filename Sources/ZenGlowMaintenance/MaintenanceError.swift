/// A maintenance command's refusal: what is wrong and the fix, in one message for the operator.
public struct MaintenanceError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
