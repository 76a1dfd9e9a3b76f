import Foundation

/// A change another instance or a loader made, as announced on a NOTIFY channel: ids, states
/// and versions only, never row data.
public struct ChangeEvent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// `zenglow_weights`: {tenant_id, version}
        case weights
        /// `zenglow_manifest`: {tenant_id, batch_id, state}, plus `reason` once the spool worker
        /// set an alert reason on the batch; a batch refused before it had a manifest is
        /// {tenant_id, batch_id: null, batch_tag, state: "failed", reason}.
        case manifest
    }

    public let kind: Kind
    public let tenant: String
    /// The manifest event's alert reason (`failed`, `healed_partition`, `partition_missing`,
    /// `other_error`); nil when the notification has none.
    public let reason: String?
    /// The notification's JSON payload as sent; `/events` relays it unchanged, reason included.
    public let payload: String

    /// Parses a notification; nil when the payload is not the JSON object ZenGlow sends.
    public init?(kind: Kind, payload: String) {
        struct Envelope: Decodable {
            let tenantID: String
            let reason: String?
            enum CodingKeys: String, CodingKey {
                case tenantID = "tenant_id"
                case reason
            }
        }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(payload.utf8)) else { return nil }
        self.kind = kind
        tenant = envelope.tenantID
        reason = envelope.reason
        self.payload = payload
    }
}
