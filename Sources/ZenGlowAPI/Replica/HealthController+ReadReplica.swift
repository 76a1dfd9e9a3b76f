import ZenGlowDB

extension HealthController {
    /// The read replica of `DATABASE_READ_URL`: a standby that answers, how far it has replayed
    /// and how long ago it replayed a commit. Optional: without it queries read on the primary,
    /// so a replica that is down degrades readiness instead of failing it. A probe that fails
    /// opens the circuit as a failed read would; one that succeeds closes it. Nil (no check) when
    /// `DATABASE_READ_URL` is unset.
    func readReplicaCheck(_ context: APIRequestContext) async -> Check? {
        guard let replica = services.database.replica else { return nil }
        if !replica.circuit.allows(), let until = replica.circuit.current.openUntil {
            let milliseconds = max(0, Int((until - .now) / .milliseconds(1)))
            return Check(
                name: "read_replica", ok: false,
                detail: "unreachable; queries read on the primary; next try in \(milliseconds) ms", optional: true)
        }
        do {
            let logger = context.logger
            let status = try await replica.withConnection { try await $0.replayStatus(logger: logger) }
            replica.circuit.succeeded()
            services.metrics.replicaUp(true)
            guard status.inRecovery else {
                return Check(
                    name: "read_replica", ok: false,
                    detail: "DATABASE_READ_URL answers but is not a standby (not in recovery)", optional: true)
            }
            let position = status.position.map { "replayed to \($0)" } ?? "nothing replayed yet"
            let age =
                status.secondsSinceLastReplay.map { String(format: "; last replayed commit %.1f s ago", $0) } ?? ""
            return Check(name: "read_replica", ok: true, detail: "streaming standby, \(position)\(age)", optional: true)
        } catch {
            services.metrics.replicaUp(false)
            let backoff = replica.circuit.failed()
            return Check(
                name: "read_replica", ok: false,
                detail: "unreachable (\(APIError(mapping: error).message)); queries read on the primary; next try in "
                    + "\(backoff / .milliseconds(1)) ms", optional: true)
        }
    }
}
