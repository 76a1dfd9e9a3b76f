import Foundation
import Hummingbird

/// `GET /fusion/weights` (from this instance's cache, which LISTEN keeps current) and
/// `PUT /fusion/weights` (admin scope; audited, announced to every instance).
struct FusionWeightsController {
    static let fields: Set<String> = ["weights", "reason", "issue_link"]
    let services: APIServices

    func get(_ request: Request, context: APIRequestContext) async throws -> Response {
        let principal = try context.principal(requiring: .query)
        let json = try await services.weights.weights(
            tenant: principal.tenant, requestID: context.requestID, logger: context.logger)
        return Response.json(json)
    }

    func put(_ request: Request, context: APIRequestContext) async throws -> Response {
        let principal = try context.principal(requiring: .admin)
        let object = try await request.jsonObject(
            upTo: services.configuration.queryMaxBodyBytes, allowed: Self.fields)
        guard let weights = object["weights"] as? [String: Any] else {
            throw APIError(.badRequest, .invalidRequest, "field 'weights' is required: {\"ltr\": w, \"vector\": w}")
        }
        guard let reason = object["reason"] as? String,
            !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
            throw APIError(.badRequest, .invalidRequest, "field 'reason' is required: why the weights change")
        }
        var issueLink: String?
        if let link = object["issue_link"], !(link is NSNull) {
            guard let text = link as? String, let url = URL(string: text), ["http", "https"].contains(url.scheme ?? "")
            else { throw APIError(.badRequest, .invalidRequest, "field 'issue_link' must be an http(s) URL") }
            issueLink = text
        }
        let weightsJSON = String(decoding: try JSONSerialization.data(withJSONObject: weights), as: UTF8.self)
        let actor = "api-key:\(principal.keyID)"
        let json = try await services.metrics.usingDatabase {
            try await services.database.call(
                "zenglow_api.set_fusion_weights($3::jsonb, $4, $5, $6)", tenant: principal.tenant,
                requestID: context.requestID, logger: context.logger
            ) { binds in
                binds.append(weightsJSON)
                binds.append(reason)
                binds.append(actor)
                binds.append(issueLink)
            }
        }
        try await services.weights.reload(
            tenant: principal.tenant, requestID: context.requestID, logger: context.logger)
        return Response.json(json ?? "null")
    }
}
