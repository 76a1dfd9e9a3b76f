import ArgumentParser
import Foundation
import Logging
import ZenGlowKeys

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke API keys (in DATABASE_URL's database, else the embedded one).",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key; its secret is printed once and never stored.")

        @Option(help: "The tenant the key acts for.")
        var tenant: String

        @Option(help: "Comma-separated scopes: query, ingest, admin, embed.")
        var scopes = "query"

        @Option(help: "Lifetime, e.g. 90d, 12h, 30m or seconds; none for a key that does not expire.")
        var expiresIn: String?

        @Option(help: "A name to recognise the key by.")
        var name = ""

        @Flag(help: "Print JSON.")
        var json = false

        func validate() throws {
            for scope in scopes.split(separator: ",") where Principal.Scope(rawValue: String(scope)) == nil {
                throw ValidationError(
                    "unknown scope '\(scope)'; scopes are "
                        + Principal.Scope.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if let expiresIn, KeyLifetime.seconds(expiresIn) == nil {
                throw ValidationError("--expires-in '\(expiresIn)' is not a lifetime like 90d, 12h, 30m or 3600")
            }
        }

        func run() async throws {
            let scopeList = scopes.split(separator: ",").compactMap { Principal.Scope(rawValue: String($0)) }
            let created = try await KeysCommand.withStore("keys create") { store in
                try await store.create(
                    tenant: tenant, name: name, scopes: scopeList, expiresIn: expiresIn.flatMap(KeyLifetime.seconds))
            }
            if json {
                print(try JSONOutput.text(created))
            } else {
                print("key id:   \(created.keyID)")
                print("tenant:   \(created.tenant)")
                print("scopes:   \(created.scopes.joined(separator: ","))")
                print("expires:  \(created.expiresAt ?? "never")")
                print("key:      \(created.key)")
                print("Store the key now: only its SHA-256 is kept, it cannot be shown again.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a tenant's keys (never their secrets).")

        @Option(help: "The tenant whose keys to list.")
        var tenant: String

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            let keys = try await KeysCommand.withStore("keys list") { try await $0.list(tenant: tenant) }
            if json {
                print(try JSONOutput.text(keys))
                return
            }
            for key in keys {
                let state = key.revokedAt != nil ? "revoked" : "active"
                print(
                    "\(key.keyID)  \(key.prefix)  \(key.scopes.joined(separator: ","))  \(state)  "
                        + "expires \(key.expiresAt ?? "never")  last used \(key.lastUsedAt ?? "never")  \(key.name)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by its id or prefix.")

        @Option(help: "The tenant the key belongs to.")
        var tenant: String

        @Argument(help: "The key id (UUID) or prefix (zg_…).")
        var key: String

        func run() async throws {
            try await KeysCommand.withStore("keys revoke") { try await $0.revoke(tenant: tenant, key: key) }
            print("revoked \(key)")
        }
    }

    static func withStore<Result: Sendable>(
        _ command: String, _ body: (KeyStore) async throws -> Result
    ) async throws -> Result {
        try await CommandFailure.reporting(command) {
            try await OperatorConnection.with("keys") { connection, logger in
                try await body(KeyStore(connection: connection, logger: logger))
            }
        }
    }
}
