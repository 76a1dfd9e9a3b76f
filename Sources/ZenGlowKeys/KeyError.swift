/// Why a key operation was refused; `description` says what to do about it.
public struct KeyError: Error, CustomStringConvertible, Sendable {
    /// What kind of refusal this is; stable across releases so scripts can match on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case unknownTenant = "unknown_tenant"
            case inactiveTenant = "inactive_tenant"
            case notFound = "not_found"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The tenant does not exist.
        public static let unknownTenant = Code(.unknownTenant)
        /// The tenant exists but is disabled.
        public static let inactiveTenant = Code(.inactiveTenant)
        /// The tenant has no such active key.
        public static let notFound = Code(.notFound)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let message: String
    public let file: String
    public let line: Int

    public init(_ code: Code, _ message: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String { message }

    static func unknownTenant(_ tenant: String) -> KeyError {
        KeyError(.unknownTenant, "tenant '\(tenant)' does not exist; create it with: zenglow tenants create \(tenant)")
    }

    static func inactiveTenant(_ tenant: String) -> KeyError {
        KeyError(.inactiveTenant, "tenant '\(tenant)' is disabled; enable it with: zenglow tenants enable \(tenant)")
    }
}
