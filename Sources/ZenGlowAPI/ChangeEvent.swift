import Foundation

/// A change another instance or a loader made, as announced on a NOTIFY channel: ids, states
/// and versions only, never row data.
public struct ChangeEvent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// `zenglow_weights`: {tenant_id, version}
        case weights
        /// `zenglow_manifest`: {tenant_id, batch_id, state}
        case manifest
    }

    public let kind: Kind
    public let tenant: String
    /// The notification's JSON payload as sent.
    public let payload: String

    /// Parses a notification; nil when the payload is not the JSON object ZenGlow sends.
    public init?(kind: Kind, payload: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
            let tenant = object["tenant_id"] as? String
        else { return nil }
        self.kind = kind
        self.tenant = tenant
        self.payload = payload
    }
}
