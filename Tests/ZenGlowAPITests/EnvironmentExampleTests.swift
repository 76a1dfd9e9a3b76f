import Configuration
import Foundation
import Testing

@testable import ZenGlowAPI

@Suite(".env.example")
struct EnvironmentExampleTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The keys `.env.example` lists (`# KEY=value` or `KEY=value` lines), in order.
    static func exampleKeys() throws -> [String] {
        let text = try String(contentsOf: repository.appendingPathComponent(".env.example"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let body = line.hasPrefix("# ") ? line.dropFirst(2) : line[...]
            guard let equals = body.firstIndex(of: "="),
                body[..<equals].allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" }), equals != body.startIndex
            else { return nil }
            return String(body[..<equals])
        }
    }

    @Test("lists exactly the keys the configuration reads, each once, in the documented order")
    func listsEveryKey() throws {
        let listed = try Self.exampleKeys()
        #expect(listed == APIConfiguration.environmentKeys)
        #expect(Set(listed).count == listed.count, "no key twice")
    }

    @Test("GET /config/env reports every key (secrets masked)")
    func effectiveEnvironmentCoversEveryKey() throws {
        let configuration = try APIConfiguration(
            reader: ConfigReader(
                provider: EnvironmentVariablesProvider(environmentVariables: [
                    "DATABASE_URL": "postgresql://app:pw@db/zenglow", "EMBED_BASE_URL": "http://127.0.0.1:9/v1",
                    "EMBED_API_KEY": "sk-test", "REDIS_PASSWORD": "hunter2",
                ])))
        let reported = configuration.effectiveEnvironment()
        // The local provider's two keys are reported when it is the provider (not here: openai).
        let localOnly: Set = ["EMBED_MODEL_DIR", "EMBED_THREADS"]
        let missing = APIConfiguration.environmentKeys.filter { reported[$0] == nil && !localOnly.contains($0) }
        #expect(missing.isEmpty, "not reported: \(missing)")
        #expect(!reported.values.contains { $0.contains("hunter2") || $0.contains("sk-test") })
    }
}
