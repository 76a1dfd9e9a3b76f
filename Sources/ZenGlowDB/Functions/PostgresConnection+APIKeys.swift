import Foundation
import Logging
import PostgresNIO

extension PostgresConnection {
    /// `zenglow_api.check_api_key`: whether a presented key's prefix and secret digest are valid
    /// (no tenant needed; the function reads only what it needs).
    public func checkAPIKey(prefix: String, secretDigest: [UInt8], logger: Logger) async throws -> APIKeyCheck {
        let rows = try await query(
            """
            select status, tenant_id, key_id::text, scopes, extract(epoch from expires_at)::float8
            from zenglow_api.check_api_key(\(prefix), \(Data(secretDigest)))
            """, logger: logger)
        for try await (status, tenant, keyID, scopes, expiry) in rows.decode(
            (String, String?, String?, [String]?, Double?).self)
        {
            return APIKeyCheck(
                status: status, tenant: tenant, keyID: keyID, scopes: scopes ?? [],
                expiresAt: expiry.map { Date(timeIntervalSince1970: $0) })
        }
        return APIKeyCheck(status: "unknown", tenant: nil, keyID: nil, scopes: [], expiresAt: nil)
    }
}

/// The outcome of `zenglow_api.check_api_key`.
public struct APIKeyCheck: Sendable, Equatable {
    /// `ok`, or why not (`unknown`, `revoked`, `expired`, `inactive_tenant`, …).
    public let status: String
    public let tenant: String?
    public let keyID: String?
    public let scopes: [String]
    public let expiresAt: Date?
}
