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
        struct Envelope: Decodable {
            let tenantID: String
            enum CodingKeys: String, CodingKey { case tenantID = "tenant_id" }
        }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(payload.utf8)) else { return nil }
        self.kind = kind
        tenant = envelope.tenantID
        self.payload = payload
    }
}
