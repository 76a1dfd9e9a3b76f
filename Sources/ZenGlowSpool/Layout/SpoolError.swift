/// A spool that cannot be used as it is, or a writer's input that cannot be published; the message
/// names the path and what to do.
public struct SpoolError: Error, CustomStringConvertible, Sendable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
