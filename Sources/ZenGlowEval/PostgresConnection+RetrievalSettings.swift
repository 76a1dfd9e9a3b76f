import Foundation
import Logging
import PostgresNIO
import ZenGlowDB

extension PostgresConnection {
    /// `zenglow_api.current_retrieval_settings()` for `tenant`.
    public func currentRetrievalSettings(tenant: String, logger: Logger) async throws -> TenantRetrievalSettings {
        let json = try await withTenant(tenant, logger: logger) { connection in
            try await connection.singleText(
                "select zenglow_api.current_retrieval_settings()::text", logger: logger)
        }
        guard let json else { throw EvalError("tenant \(tenant) is unknown or disabled") }
        return try JSONDecoder().decode(TenantRetrievalSettings.self, from: Data(json.utf8))
    }

    /// `zenglow_api.set_retrieval_settings` for `tenant` (or `zenglow.set_global_retrieval_settings`
    /// for `_global`): a new audited, announced version holding `changes` over the settings in effect.
    /// Returns the new version.
    public func setRetrievalSettings(
        tenant: String, changes: [String: Double], reason: String, actor: String, ltrVersion: Int64? = nil,
        logger: Logger
    ) async throws -> Int64 {
        let changesJSON = String(
            decoding: try JSONSerialization.data(withJSONObject: changes, options: [.sortedKeys]), as: UTF8.self)
        let answer: String?
        if tenant == "_global" {
            guard ltrVersion == nil else { throw EvalError("_global settings are not tied to an LTR model") }
            answer = try await singleText(
                "select zenglow.set_global_retrieval_settings(\(changesJSON)::jsonb, \(reason), \(actor))::text",
                logger: logger)
        } else {
            answer = try await withTenant(tenant, logger: logger) { connection in
                try await connection.singleText(
                    """
                    select zenglow_api.set_retrieval_settings(\(changesJSON)::jsonb, \(reason), \(actor), null,
                        \(ltrVersion))::text
                    """, logger: logger)
            }
        }
        struct Answer: Decodable { let version: Int64 }
        guard let answer else { throw EvalError("setting retrieval settings returned nothing") }
        return try JSONDecoder().decode(Answer.self, from: Data(answer.utf8)).version
    }

    /// The single text column of the single row `query` returns; nil for no row or SQL null.
    func singleText(_ query: PostgresQuery, logger: Logger) async throws -> String? {
        for try await value in try await self.query(query, logger: logger).decode(String?.self) { return value }
        return nil
    }
}
