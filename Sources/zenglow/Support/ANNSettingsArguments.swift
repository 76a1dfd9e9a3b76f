import ArgumentParser
import Foundation

/// `zenglow ann set`'s options as the JSON object zenglow.set_ann_settings takes: only the
/// settings named, 'default' as JSON null (automatic again).
struct ANNSettingsArguments {
    var kind: String?
    var hnswM: Int?
    var hnswEfConstruction: Int?
    var hnswEfSearch: String?
    var ivfflatLists: String?
    var ivfflatProbes: Int?

    func json() throws -> String {
        var object: [String: JSONValue] = [:]
        if let kind { object["index_kind"] = .string(kind) }
        if let hnswM { object["hnsw_m"] = .number(hnswM) }
        if let hnswEfConstruction { object["hnsw_ef_construction"] = .number(hnswEfConstruction) }
        if let hnswEfSearch { object["hnsw_ef_search"] = try Self.numberOrDefault(hnswEfSearch, "--hnsw-ef-search") }
        if let ivfflatLists { object["ivfflat_lists"] = try Self.numberOrDefault(ivfflatLists, "--ivfflat-lists") }
        if let ivfflatProbes { object["ivfflat_probes"] = .number(ivfflatProbes) }
        guard !object.isEmpty else {
            throw ValidationError(
                "name at least one setting (--kind, --hnsw-m, --hnsw-ef-construction, --hnsw-ef-search, --ivfflat-lists, --ivfflat-probes)"
            )
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(object), as: UTF8.self)
    }

    private static func numberOrDefault(_ text: String, _ option: String) throws -> JSONValue {
        if text == "default" { return .null }
        guard let number = Int(text) else {
            throw ValidationError("\(option) takes a whole number or 'default', not '\(text)'")
        }
        return .number(number)
    }

    enum JSONValue: Encodable {
        case string(String)
        case number(Int)
        case null

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let value): try container.encode(value)
            case .number(let value): try container.encode(value)
            case .null: try container.encodeNil()
            }
        }
    }
}
