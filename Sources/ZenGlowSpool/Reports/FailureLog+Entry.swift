import Foundation

extension FailureLog {
    /// One line of the failure log. Every key is always present (`null` when unknown), so a line
    /// reads the same whatever failed.
    public struct Entry: Sendable, Codable, Equatable {
        /// Nil when the file failed before a batch could be read from it.
        public var batchTag: String?
        /// Nil when the file failed before its tenant could be read.
        public var tenant: String?
        /// A ``SpoolReason``-style run reason or a file reason code (`partition_missing`, `zstd_bomb`, …).
        public var reason: String
        /// True for a failure the worker repaired itself (a partition it created), false for one
        /// that sent the file to `failed/` or back for a retry.
        public var healed: Bool
        /// The spool file's name.
        public var file: String
        public var message: String
        public var at: Date

        enum CodingKeys: String, CodingKey {
            case tenant, reason, healed, file, message, at
            case batchTag = "batch_tag"
        }

        public init(
            batchTag: String?, tenant: String?, reason: String, healed: Bool, file: String, message: String,
            at: Date = Date()
        ) {
            self.batchTag = batchTag
            self.tenant = tenant
            self.reason = reason
            self.healed = healed
            self.file = file
            self.message = message
            self.at = at
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            // encode rather than encodeIfPresent: an unknown tag or tenant is written as null.
            try container.encode(batchTag, forKey: .batchTag)
            try container.encode(tenant, forKey: .tenant)
            try container.encode(reason, forKey: .reason)
            try container.encode(healed, forKey: .healed)
            try container.encode(file, forKey: .file)
            try container.encode(message, forKey: .message)
            try container.encode(at, forKey: .at)
        }
    }
}
