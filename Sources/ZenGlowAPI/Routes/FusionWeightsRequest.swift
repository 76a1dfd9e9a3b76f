import Foundation
import ZenGlowDB

/// A `PUT /fusion/weights` body: `{"weights": {"ltr": w, "vector": w}, "reason": …, "issue_link": …}`.
struct FusionWeightsRequest: Decodable, Sendable {
    /// Weights are relative (rag_query normalises them); the bound keeps scores well inside a double.
    static let maximumWeight = 1000.0
    static let weightNames = ["ltr", "vector"]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case weights, reason
        case issueLink = "issue_link"
    }

    let weights: [String: JSONValue]
    let reason: String
    let issueLink: String?

    init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownFields(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.contains(.weights) else {
            throw APIError(.badRequest, .invalidRequest, "field 'weights' is required: {\"ltr\": w, \"vector\": w}")
        }
        weights = try container.decode([String: JSONValue].self, forKey: .weights)
        guard container.contains(.reason) else {
            throw APIError(.badRequest, .invalidRequest, "field 'reason' is required: why the weights change")
        }
        reason = try container.decode(String.self, forKey: .reason).refusingNUL(field: "reason")
        issueLink = try container.decodeIfPresent(String.self, forKey: .issueLink)?.refusingNUL(field: "issue_link")
    }

    /// The weights as the JSON object `zenglow_api.set_fusion_weights` takes, after the checks
    /// that name each field; SQL checks them again.
    func validatedWeightsJSON() throws -> String {
        func invalid(_ message: String) -> APIError { APIError(.unprocessableContent, .invalidWeights, message) }
        if let unknown = weights.keys.filter({ !Self.weightNames.contains($0) }).min() {
            throw invalid("unknown fusion weight 'weights.\(unknown)'; the weights are ltr and vector")
        }
        var sum = 0.0
        for name in Self.weightNames {
            guard let value = weights[name] else { throw invalid("field 'weights.\(name)' is required") }
            guard case .number(let number) = value else { throw invalid("field 'weights.\(name)' must be a number") }
            guard (0...Self.maximumWeight).contains(number) else {
                throw invalid("field 'weights.\(name)' must be from 0 to \(Int(Self.maximumWeight)), not \(number)")
            }
            sum += number
        }
        guard sum > 0 else { throw invalid("fusion weights sum to 0; at least one must be positive") }
        return JSONValue.object(weights).jsonText
    }

    /// The reason and link, checked.
    func validatedAnnotation() throws -> (reason: String, issueLink: String?) {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError(.badRequest, .invalidRequest, "field 'reason' is required: why the weights change")
        }
        if let issueLink {
            guard let url = URLComponents(string: issueLink), ["http", "https"].contains(url.scheme ?? ""),
                let host = url.host, !host.isEmpty, issueLink.allSatisfy({ $0.isASCII && !$0.isWhitespace })
            else {
                throw APIError(.badRequest, .invalidRequest, "field 'issue_link' must be an http(s) URL")
            }
        }
        return (reason, issueLink)
    }
}
