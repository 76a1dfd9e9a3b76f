import Configuration
import Foundation

extension APIConfiguration {
    /// Reads the `EMBED_*` keys listed on ``APIConfiguration`` (after the profile is known);
    /// returns a problem for each key at fault.
    mutating func readEmbedder(reader: ConfigReader, localDefaults: LocalDefaults?) -> [String] {
        var problems: [String] = []
        func text(_ key: String) -> String? {
            guard let value = reader.string(forKey: ConfigKey(key)), !value.isEmpty else { return nil }
            return value
        }
        func integer(_ key: String, env: String, _ value: inout Int, range: ClosedRange<Int>) {
            guard let raw = text(key) else { return }
            guard let parsed = Int(raw), range.contains(parsed) else {
                problems.append("\(env)=\(raw) is not an integer in \(range.lowerBound)...\(range.upperBound)")
                return
            }
            value = parsed
        }

        let baseURL = text("embed.base.url")
        let accepted = EmbedProvider.allCases.map(\.rawValue).joined(separator: ", ")
        if let raw = text("embed.provider") {
            guard let provider = EmbedProvider(rawValue: raw.lowercased()) else {
                problems.append(
                    raw.lowercased() == "hashing"
                        ? "EMBED_PROVIDER=hashing is no longer offered (the in-process model replaced it); use one of \(accepted)"
                        : "EMBED_PROVIDER=\(raw) is not one of \(accepted)")
                return problems
            }
            embedProvider = provider
        } else {
            embedProvider = baseURL != nil ? .openai : profile == .dev ? .local : .none
        }

        switch embedProvider {
        case .local:
            embedModelDirectory = text("embed.model.dir")
            if embedModelDirectory == nil {
                if profile.requiresExplicitInfrastructure {
                    problems.append(
                        "EMBED_MODEL_DIR is required in the \(profile.rawValue) profile when EMBED_PROVIDER=local")
                } else {
                    embedModelDirectory = localDefaults?.modelDirectory ?? LocalDefaults.projectModelDirectory
                }
            }
            integer("embed.threads", env: "EMBED_THREADS", &embedThreads, range: 1...64)
        case .openai:
            guard let baseURL else {
                problems.append("EMBED_PROVIDER=openai needs EMBED_BASE_URL")
                return problems
            }
            if URL(string: baseURL)?.scheme.map({ ["http", "https"].contains($0.lowercased()) }) != true {
                problems.append("EMBED_BASE_URL=\(baseURL) is not an http(s) URL")
            }
            var timeout = 2000
            integer("embed.timeout.ms", env: "EMBED_TIMEOUT_MS", &timeout, range: 1...600_000)
            var dimensions = 384
            integer("embed.dimensions", env: "EMBED_DIMENSIONS", &dimensions, range: 1...16384)
            embedder = EmbedderConfiguration(
                baseURL: baseURL, model: text("embed.model") ?? "all-MiniLM-L6-v2", dimensions: dimensions,
                apiKey: reader.string(forKey: "embed.api.key", isSecret: true), timeoutMilliseconds: timeout)
        case .none:
            break
        }
        return problems
    }
}
