import Foundation

/// What `REDIS_BUILD_CHANNEL` carries: `{type, tenant_id, id, version, at}`, ids and versions
/// only, made from a PostgreSQL notification after the change committed.
/// - `batch`: a batch's chunks became searchable; `id` the batch id, `version` the tenant's
///   corpus epoch after it.
/// - `weights`: a new fusion-weight version; `id` null, `version` the weights version
///   (`tenant_id` `_global` for the default every tenant without its own uses).
/// - `model`: a model was activated; `id` the embedding model's name, or `ltr` for a new
///   learning-to-rank version, `version` that LTR version (null for an embedding model).
struct BuildUpdate: Encodable, Sendable, Equatable {
    enum Kind: String, Encodable, Sendable {
        case batch, weights, model
    }

    let type: Kind
    let tenantID: String
    let id: String?
    let version: Int64?
    let at: String

    enum CodingKeys: String, CodingKey {
        case type, id, version, at
        case tenantID = "tenant_id"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(tenantID, forKey: .tenantID)
        // null, not absent: every envelope has the same five fields.
        try container.encode(id, forKey: .id)
        try container.encode(version, forKey: .version)
        try container.encode(at, forKey: .at)
    }

    /// The update a notification announces; nil when it announces none (a batch that opened or
    /// failed changes no answer) or is not a payload ZenGlow sends.
    init?(channel: String, payload: String, at: Date) {
        struct Payload: Decodable {
            let tenantID: String
            let batchID: Int64?
            let state: String?
            let corpusEpoch: Int64?
            let version: Int64?
            let kind: String?
            let model: String?
            enum CodingKeys: String, CodingKey {
                case tenantID = "tenant_id"
                case batchID = "batch_id"
                case corpusEpoch = "corpus_epoch"
                case state, version, kind, model
            }
        }
        guard let fields = try? JSONDecoder().decode(Payload.self, from: Data(payload.utf8)) else { return nil }
        tenantID = fields.tenantID
        self.at = at.formatted(.iso8601)
        switch channel {
        case NotificationListener.manifestChannel:
            guard let batch = fields.batchID, let epoch = fields.corpusEpoch else { return nil }
            type = .batch
            id = String(batch)
            version = epoch
        case NotificationListener.weightsChannel:
            guard let weights = fields.version else { return nil }
            type = .weights
            id = nil
            version = weights
        case NotificationListener.modelsChannel:
            type = .model
            if fields.kind == "ltr" {
                guard let ltr = fields.version else { return nil }
                id = "ltr"
                version = ltr
            } else {
                guard let model = fields.model else { return nil }
                id = model
                version = nil
            }
        default:
            return nil
        }
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
