import Hummingbird

/// `GET /fusion/weights` (from this instance's cache, which LISTEN keeps current) and
/// `PUT /fusion/weights` (admin scope; audited, announced to every instance).
struct FusionWeightsController {
    let services: APIServices

    func get(_ request: Request, context: APIRequestContext) async throws -> Response {
        let principal = try context.principal(requiring: .query)
        let json = try await services.weights.weights(
            tenant: principal.tenant, requestID: context.requestID, logger: context.logger)
        return Response.json(json)
    }

    func put(_ request: Request, context: APIRequestContext) async throws -> Response {
        let principal = try context.principal(requiring: .admin)
        let body = try await request.decode(
            FusionWeightsRequest.self, limit: services.configuration.queryMaxBodyBytes, context: context)
        let (reason, issueLink) = try body.validatedAnnotation()
        let weightsJSON = try body.validatedWeightsJSON()
        let json = try await services.withTenant(principal.tenant, context: context) { connection in
            try await connection.setFusionWeights(
                weightsJSON: weightsJSON, reason: reason, actor: "api-key:\(principal.keyID)", issueLink: issueLink,
                logger: context.logger)
        }
        try await services.weights.reload(
            tenant: principal.tenant, requestID: context.requestID, logger: context.logger)
        return Response.json(json)
    }
}
