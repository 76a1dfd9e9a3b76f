import Synchronization

/// What inner middleware learns about a request that the outer log line needs (the tenant),
/// shared by reference because each middleware gets its own copy of the context.
public final class RequestAnnotations: Sendable {
    private let state = Mutex<String?>(nil)

    public init() {}

    public var tenant: String? {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }
}
