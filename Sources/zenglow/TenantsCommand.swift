import ArgumentParser
import Logging
import PostgresNIO
import ZenGlowDB

struct TenantsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenants",
        abstract: "Create, list, disable and enable tenants (in DATABASE_URL's database, else the embedded one).",
        discussion: "A disabled tenant's keys stop working and its rows are invisible until it is enabled again.",
        subcommands: [Create.self, List.self, Disable.self, Enable.self, SettingsCommand.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a tenant (1–63 lowercase letters, digits, _ and -); an existing one is left as it is.")

        @Argument(help: "The tenant id.")
        var tenant: String

        @Option(help: "A name to recognise the tenant by.")
        var name = ""

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            let created = try await TenantsCommand.connect("tenants create") { connection, logger in
                try await connection.createTenant(tenant, displayName: name, logger: logger)
                return try await connection.listTenants(logger: logger).first { $0.id == tenant }
            }
            guard let created else { throw ExitCode.failure }
            print(
                json ? try JSONOutput.text(created) : "tenant \(created.id) \(created.active ? "active" : "disabled")")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every tenant.")

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            let tenants = try await TenantsCommand.connect("tenants list") { try await $0.listTenants(logger: $1) }
            if json {
                print(try JSONOutput.text(tenants))
                return
            }
            for tenant in tenants {
                print(
                    "\(tenant.id)  \(tenant.active ? "active  " : "disabled")  created \(tenant.createdAt)  \(tenant.displayName)"
                )
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a tenant: its keys are refused and its rows hidden (audited).")

        @Argument(help: "The tenant id.")
        var tenant: String

        func run() async throws {
            let was = try await TenantsCommand.connect("tenants disable") {
                try await $0.setTenantActive(tenant, active: false, logger: $1)
            }
            print(was ? "disabled \(tenant)" : "\(tenant) was already disabled")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled tenant again (audited).")

        @Argument(help: "The tenant id.")
        var tenant: String

        func run() async throws {
            let was = try await TenantsCommand.connect("tenants enable") {
                try await $0.setTenantActive(tenant, active: true, logger: $1)
            }
            print(was ? "\(tenant) was already enabled" : "enabled \(tenant)")
        }
    }

    static func connect<Result: Sendable>(
        _ command: String, _ body: (PostgresConnection, Logger) async throws -> Result
    ) async throws -> Result {
        try await CommandFailure.reporting(command) { try await OperatorConnection.with("tenants", body) }
    }
}
