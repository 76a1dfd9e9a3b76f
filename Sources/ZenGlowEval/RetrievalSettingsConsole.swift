import Foundation
import Logging
import PostgresNIO
import ZenGlowDB

/// `zenglow tenants settings show|set`: an operator reads or changes a tenant's retrieval settings
/// in one call each; the text printed is the settings in effect afterwards.
public enum RetrievalSettingsConsole {
    /// The settings in effect for `tenant`: two or three lines, or JSON.
    public static func show(url: DatabaseURL, tenant: String, json: Bool, logger: Logger) async throws -> String {
        try await url.withConnection(applicationName: "zenglow-tenants-settings", logger: logger) { connection in
            let current = try await connection.currentRetrievalSettings(tenant: tenant, logger: logger)
            return json ? try jsonText(current) : current.text
        }
    }

    /// Activates a new version for `tenant` (`_global`: the settings every tenant without its own
    /// uses) holding `changes` over the settings in effect; returns what `show` prints after it.
    public static func set(
        url: DatabaseURL, tenant: String, changes: [String: Double], reason: String, actor: String, logger: Logger
    ) async throws -> String {
        guard !changes.isEmpty else {
            throw EvalError("nothing to change: give --k1, --b, --candidates or --lexical-budget")
        }
        return try await url.withConnection(applicationName: "zenglow-tenants-settings", logger: logger) { connection in
            let version = try await connection.setRetrievalSettings(
                tenant: tenant, changes: changes, reason: reason, actor: actor, logger: logger)
            if tenant == "_global" { return "_global retrieval settings version \(version)" }
            return try await connection.currentRetrievalSettings(tenant: tenant, logger: logger).text
        }
    }

    private static func jsonText(_ current: TenantRetrievalSettings) throws -> String {
        struct Output: Encodable {
            let version: Int64?
            let scope: String
            let settings: RetrievalSettings
            let ltrVersion: Int64?
            let activeLTRVersion: Int64?
            enum CodingKeys: String, CodingKey {
                case version, scope, settings
                case ltrVersion = "ltr_version"
                case activeLTRVersion = "active_ltr_version"
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let output = Output(
            version: current.version, scope: current.scope, settings: current.settings, ltrVersion: current.ltrVersion,
            activeLTRVersion: current.activeLTRVersion)
        return String(decoding: try encoder.encode(output), as: UTF8.self)
    }
}
