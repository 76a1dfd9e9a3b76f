import Foundation
import Hummingbird
import ZenGlowDB

/// `GET /health` (the process answers), `GET /health/ready` (it can serve: each check named;
/// `degraded`, still 200, when only Redis is down — answers keep coming, uncached, with
/// per-instance limits),
/// `GET /health/models` (the embedding model registry and the configured embedder).
struct HealthController {
    let services: APIServices

    func live(_ request: Request, context: APIRequestContext) async throws -> Response {
        Response.json(#"{"status":"ok"}"#)
    }

    struct Check: Encodable {
        let name: String
        let ok: Bool
        let detail: String
        /// A failed optional check degrades readiness instead of failing it.
        var optional = false

        enum CodingKeys: String, CodingKey { case name, ok, detail }
    }

    struct Readiness: Encodable {
        let status: String
        let checks: [Check]
        /// Which scheduler runs maintenance (docs/maintenance.md); absent when the database did
        /// not answer. Informational: never makes the instance unready, since serving queries
        /// does not wait on maintenance, and pulling every instance out of a load balancer because
        /// the maintainer stopped would turn a missed partition alert into an outage.
        let maintenance: Maintenance?
    }

    struct Maintenance: Encodable {
        /// `service`, `pg_cron` or `manual` when a scheduled run started in the last 10 minutes; else `none`.
        let scheduler: String
        let detail: String
        let lastScheduler: String?
        let lastRunAt: String?
        let pgCronPreloaded: Bool

        enum CodingKeys: String, CodingKey {
            case scheduler, detail
            case lastScheduler = "last_scheduler"
            case lastRunAt = "last_run_at"
            case pgCronPreloaded = "pg_cron_preloaded"
        }

        init(_ status: MaintenanceSchedulerStatus) {
            scheduler = status.active ? status.scheduler ?? "none" : "none"
            detail = status.summary
            lastScheduler = status.scheduler
            lastRunAt = status.lastRunAt
            pgCronPreloaded = status.pgCronPreloaded
        }
    }

    func ready(_ request: Request, context: APIRequestContext) async throws -> Response {
        var checks: [Check] = []
        var status: SchemaStatus?
        do {
            status = try await readStatus(context)
            checks.append(Check(name: "database", ok: true, detail: "reachable"))
        } catch {
            checks.append(Check(name: "database", ok: false, detail: APIError(mapping: error).message))
        }
        var activeDimension: Int?
        if let status {
            let current = status.schemaVersion ?? 0
            checks.append(
                Check(
                    name: "migrations", ok: current >= expectedSchemaVersion && status.failedMigrations == 0,
                    detail: status.failedMigrations > 0
                        ? "\(status.failedMigrations) failed migration(s); run zenglow migrate status"
                        : "schema version \(current), this build needs \(expectedSchemaVersion)"))
            let active = status.models.filter(\.active)
            activeDimension = active.count == 1 ? active.first?.dimension : nil
            checks.append(
                Check(
                    name: "model_registry", ok: active.count == 1,
                    detail: active.first.map { "active model \($0.model) (\($0.dimension) dimensions)" }
                        ?? "no active embedding model"))
        }
        checks.append(await embedderCheck(activeDimension: activeDimension))
        checks.append(
            Check(
                name: "configuration", ok: true,
                detail: "profile \(services.configuration.profile.rawValue), API keys "
                    + (services.configuration.apiKeysEnabled ? "required" : "DISABLED")))
        let listening = await services.listenerStatus.connected
        checks.append(
            Check(name: "listener", ok: listening, detail: listening ? "LISTEN connected" : "LISTEN not connected"))
        checks.append(await redisCheck())
        if let replica = await readReplicaCheck(context) { checks.append(replica) }
        let ready = checks.allSatisfy { $0.ok || $0.optional }
        let degraded = ready && !checks.allSatisfy(\.ok)
        let maintenance = status == nil ? nil : await maintenanceStatus(context)
        return try Response.json(
            encoding: Readiness(
                status: ready ? (degraded ? "degraded" : "ready") : "not_ready", checks: checks,
                maintenance: maintenance),
            status: ready ? .ok : .serviceUnavailable)
    }

    /// `zenglow_api.maintenance_scheduler()`; nil when it cannot be read (a schema before it).
    func maintenanceStatus(_ context: APIRequestContext) async -> Maintenance? {
        do {
            let status = try await services.database.client.withConnection {
                try await $0.maintenanceSchedulerStatus(logger: context.logger)
            }
            return Maintenance(status)
        } catch {
            context.logger.warning("cannot read the maintenance scheduler: \(APIError(mapping: error).message)")
            return nil
        }
    }

    /// Redis answers PING (with AUTH). Optional: without it the API still answers.
    func redisCheck() async -> Check {
        guard let redis = services.redis else {
            return Check(name: "redis", ok: true, detail: "disabled (REDIS_ENABLED=false)", optional: true)
        }
        // Through the pool, like every other call: a probe never opens connections of its own, so
        // frequent readiness checks cannot take the pool's threads or close its good connections,
        // and while Redis is down the answer comes at once (the fail-fast window).
        switch await redis.ping() {
        case .success:
            return Check(
                name: "redis", ok: true, detail: "reachable at \(redis.configuration.endpointDescription)",
                optional: true)
        case .failure(let error):
            return Check(
                name: "redis", ok: false,
                detail: "\(error); serving uncached with per-instance rate limit and session cap", optional: true)
        }
    }

    /// The embedder answers (the local model loaded; a remote one probed, see ``EmbedderProbe``)
    /// and its vectors are as wide as the registry's active model.
    func embedderCheck(activeDimension: Int?) async -> Check {
        let outcome = await services.embedderProbe.check()
        if outcome.ok, let embedder = services.embedder, let activeDimension, activeDimension != embedder.dimensions {
            return Check(
                name: "embedder", ok: false,
                detail: "\(outcome.detail); the active model has \(activeDimension) dimensions")
        }
        return Check(name: "embedder", ok: outcome.ok, detail: outcome.detail)
    }

    func models(_ request: Request, context: APIRequestContext) async throws -> Response {
        struct Body: Encodable {
            let models: [SchemaStatus.Model]
            let embedder: EmbedderDescription?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(models, forKey: .models)
                // null, not absent, when no embedder is configured.
                try container.encode(embedder, forKey: .embedder)
            }

            enum CodingKeys: String, CodingKey { case models, embedder }
        }
        return try Response.json(
            encoding: Body(
                models: try await modelsList(context), embedder: services.embedder.map(EmbedderDescription.init))
        )
    }

    func modelsList(_ context: APIRequestContext) async throws -> [SchemaStatus.Model] {
        try await readStatus(context).models
    }

    struct SchemaStatus: Decodable {
        struct Model: Codable {
            let model: String
            let dimension: Int
            let active: Bool
        }
        let schemaVersion: Int?
        let failedMigrations: Int
        let models: [Model]

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version"
            case failedMigrations = "failed_migrations"
            case models
        }
    }

    private func readStatus(_ context: APIRequestContext) async throws -> SchemaStatus {
        let json = try await services.database.client.withConnection {
            try await $0.schemaStatus(logger: context.logger)
        }
        return try JSONDecoder().decode(SchemaStatus.self, from: Data(json.utf8))
    }
}
