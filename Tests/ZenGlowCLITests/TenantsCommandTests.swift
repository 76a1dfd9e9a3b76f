import Foundation
import Testing
import ZenGlowTestSupport

@Suite("zenglow tenants and keys")
struct TenantsCommandTests {
    @Test("keys create for a tenant that does not exist names it and the fix, exits 1 and writes nothing")
    func keysForAMissingTenant() async throws {
        let cli = try await CLITestDatabase.make()
        let outcome = try await cli.run("keys", "create", "--tenant", "acme")
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput.isEmpty)
        #expect(
            outcome.standardError
                == "zenglow keys create: tenant 'acme' does not exist; create it with: zenglow tenants create acme\n")
        #expect(try await cli.value("select count(*)::text from zenglow.api_keys") == "0")
    }

    @Test("tenants create, list, disable and enable, with --json; keys follow the tenant's state")
    func lifecycle() async throws {
        let cli = try await CLITestDatabase.make()
        let created = try await cli.run("tenants", "create", "acme", "--name", "Acme Corp", "--json")
        #expect(created.status == 0, "\(created.standardError)")
        let tenant = try JSONDecoder().decode(Listed.self, from: Data(created.standardOutput.utf8))
        #expect(tenant == Listed(tenantID: "acme", displayName: "Acme Corp", active: true))
        #expect(try await cli.run("tenants", "create", "acme").status == 0)

        let key = try await cli.run("keys", "create", "--tenant", "acme", "--json")
        #expect(key.status == 0, "\(key.standardError)")

        let disabled = try await cli.run("tenants", "disable", "acme")
        #expect(disabled.standardOutput == "disabled acme\n")
        let listed = try await cli.run("tenants", "list", "--json")
        #expect(
            try JSONDecoder().decode([Listed].self, from: Data(listed.standardOutput.utf8)) == [
                Listed(tenantID: "acme", displayName: "Acme Corp", active: false)
            ])
        let refused = try await cli.run("keys", "create", "--tenant", "acme")
        #expect(refused.status == 1)
        #expect(
            refused.standardError.contains("tenant 'acme' is disabled; enable it with: zenglow tenants enable acme"))

        let enabled = try await cli.run("tenants", "enable", "acme")
        #expect(enabled.standardOutput == "enabled acme\n")
        #expect(try await cli.run("keys", "list", "--tenant", "acme", "--json").standardOutput.contains("key_id"))
    }

    @Test("bad tenant ids and unknown tenants get one clear line and a non-zero exit")
    func refusals() async throws {
        let cli = try await CLITestDatabase.make()
        let invalid = try await cli.run("tenants", "create", "Not Valid")
        #expect(invalid.status == 1)
        #expect(invalid.standardError.hasPrefix("zenglow tenants create: tenant id 'Not Valid' is not valid"))
        #expect(invalid.standardError.split(separator: "\n").count == 1)
        let unknown = try await cli.run("tenants", "disable", "ghost")
        #expect(unknown.status == 1)
        #expect(unknown.standardError.hasPrefix("zenglow tenants disable: tenant 'ghost' does not exist"))
        #expect(try await cli.value("select count(*)::text from zenglow.tenants where tenant_id <> '_global'") == "0")
    }

    @Test("an unreachable database is one line naming the failure, never a bare 'internal error'")
    func unreachableDatabase() async throws {
        let outcome = try await ZenGlowExecutable.run(
            ["tenants", "list"], environment: ["DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none?sslmode=disable"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.hasPrefix("zenglow tenants list: PostgreSQL connection failed"))
        #expect(!outcome.standardError.contains("internal error"))
        #expect(outcome.standardError.split(separator: "\n").count == 1)
    }

    struct Listed: Decodable, Equatable {
        let tenantID: String
        let displayName: String
        let active: Bool

        enum CodingKeys: String, CodingKey {
            case tenantID = "tenant_id"
            case displayName = "display_name"
            case active
        }
    }
}
