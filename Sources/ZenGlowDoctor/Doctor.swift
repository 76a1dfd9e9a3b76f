import CBLAS
import CHiredis
import CZstd
import Foundation
import ZenGlowEmbedded
import ZenGlowEmbedding

/// Finds the versions of everything ZenGlow runs on, and says how to install what is missing.
public struct Doctor: Sendable {
    let configuration: EmbeddedConfiguration
    /// The embedding model folder to check (EMBED_MODEL_DIR, or the project folder's copy).
    let modelDirectory: ModelDirectory

    public init(configuration: EmbeddedConfiguration, modelDirectory: ModelDirectory? = nil) {
        self.configuration = configuration
        self.modelDirectory =
            modelDirectory
            ?? ModelDirectory(url: URL(fileURLWithPath: configuration.home + "/models/all-MiniLM-L6-v2"))
    }

    private static let bootstrapFix = "run scripts/bootstrap"

    /// Every check, in the order they are reported.
    public func run() -> [DoctorCheck] {
        let postgresDirectories = pgConfig(["--sharedir", "--pkglibdir"])
        let extensionDirectory = postgresDirectories.map { $0[0] + "/extension" }
        let libraryDirectory = postgresDirectories.map { $0[1] }
        return [
            postgresServer(),
            extensionCheck("pgvector", control: "vector", in: extensionDirectory),
            timescale(extensionDirectory: extensionDirectory, libraryDirectory: libraryDirectory),
            extensionCheck("pgTAP", control: "pgtap", in: extensionDirectory),
            executableCheck("pg_prove", path: "/usr/bin/pg_prove", versionArguments: ["--version"]),
            redisServer(),
            .found("libzstd", String(cString: ZSTD_versionString())),
            .found("hiredis", "\(HIREDIS_MAJOR).\(HIREDIS_MINOR).\(HIREDIS_PATCH)"),
            openBLAS(),
            embeddingModel(),
        ]
    }

    private func openBLAS() -> DoctorCheck {
        // "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64"
        let words = String(cString: openblas_get_config()).split(separator: " ")
        guard words.count > 1, words[0] == "OpenBLAS" else {
            return .missing("OpenBLAS", fix: "\(Self.bootstrapFix) (installs libopenblas-dev)")
        }
        return .found("OpenBLAS", String(words[1]), detail: words.dropFirst(2).joined(separator: " "))
    }

    /// The model folder holds every file and the weights' checksum is the pinned one.
    private func embeddingModel() -> DoctorCheck {
        let component = "embedding model"
        do {
            try modelDirectory.verify()
            return .found(
                component, modelDirectory.expected.name,
                detail: "\(modelDirectory.url.path), sha256 ok")
        } catch {
            return .missing(component, fix: "\(error) (scripts/fetch-model, which scripts/bootstrap runs)")
        }
    }

    private func postgresServer() -> DoctorCheck {
        let output = capture(configuration.postgresBinDirectory + "/postgres", ["--version"])
        guard let version = output.flatMap({ firstVersion(in: $0) }) else {
            return .missing("PostgreSQL", fix: "\(Self.bootstrapFix) (installs postgresql-15)")
        }
        return .found("PostgreSQL", version)
    }

    private func extensionCheck(_ component: String, control: String, in directory: String?) -> DoctorCheck {
        guard let directory, let version = defaultVersion(controlFile: "\(directory)/\(control).control") else {
            return .missing(component, fix: "\(Self.bootstrapFix) (installs \(component) for PostgreSQL 15)")
        }
        return .found(component, version)
    }

    private func timescale(extensionDirectory: String?, libraryDirectory: String?) -> DoctorCheck {
        let check = extensionCheck("TimescaleDB", control: "timescaledb", in: extensionDirectory)
        guard let version = check.version, let libraryDirectory else { return check }
        // The Apache build ships only the core library; the Timescale-licensed one adds a `-tsl` module.
        let tsl = "\(libraryDirectory)/timescaledb-tsl-\(version).so"
        let license = FileManager.default.fileExists(atPath: tsl) ? "timescale" : "apache"
        return .found("TimescaleDB", version, detail: "license: \(license)")
    }

    private func redisServer() -> DoctorCheck {
        let output = capture(configuration.redisBinDirectory + "/redis-server", ["--version"])
        // "Redis server v=7.0.15 sha=… malloc=jemalloc-5.3.0 bits=64 build=…"
        guard let output, let range = output.range(of: "v=") else {
            return .missing("Redis", fix: "\(Self.bootstrapFix) (installs redis-server)")
        }
        let version = output[range.upperBound...].prefix { !$0.isWhitespace }
        return .found("Redis", String(version))
    }

    private func executableCheck(_ component: String, path: String, versionArguments: [String]) -> DoctorCheck {
        guard let output = capture(path, versionArguments), let version = firstVersion(in: output) else {
            return .missing(component, fix: Self.bootstrapFix)
        }
        return .found(component, version)
    }

    private func pgConfig(_ arguments: [String]) -> [String]? {
        guard let output = capture(configuration.postgresBinDirectory + "/pg_config", arguments) else { return nil }
        let lines = output.split(separator: "\n").map(String.init)
        return lines.count == arguments.count ? lines : nil
    }

    private func defaultVersion(controlFile: String) -> String? {
        guard let text = try? String(contentsOfFile: controlFile, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("default_version") {
            return line.split(separator: "=", maxSplits: 1).last?
                .trimmingCharacters(in: CharacterSet(charactersIn: " '\""))
        }
        return nil
    }

    private func firstVersion(in text: String) -> String? {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "(" || $0 == ")" })
            .first { $0.first?.isNumber == true && $0.contains(".") }
            .map(String.init)
    }

    private func capture(_ executable: String, _ arguments: [String]) -> String? {
        guard let outcome = try? ShellCommand(executable, arguments).run(), outcome.succeeded else { return nil }
        return outcome.output
    }
}
