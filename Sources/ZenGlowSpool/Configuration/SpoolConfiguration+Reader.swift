import Configuration
import Foundation
import ZenGlowDB

extension SpoolConfiguration {
    /// Reads every key listed on ``SpoolConfiguration``; throws ``SpoolError`` naming each missing
    /// or malformed key at once. `home` is the project folder (`ZENGLOW_HOME`) the defaults live in.
    public init(reader: ConfigReader, home: String, database: DatabaseConfiguration) throws {
        var problems: [String] = []
        func text(_ key: String) -> String? {
            guard let value = reader.string(forKey: ConfigKey(key)), !value.isEmpty else { return nil }
            return value
        }
        func env(_ key: String) -> String { key.uppercased().replacingOccurrences(of: ".", with: "_") }
        func integer(_ key: String, _ value: inout Int, _ range: ClosedRange<Int>) {
            guard let raw = text(key) else { return }
            guard let parsed = Int(raw), range.contains(parsed) else {
                return problems.append(
                    "\(env(key))=\(raw) is not an integer in \(range.lowerBound)...\(range.upperBound)")
            }
            value = parsed
        }
        func seconds(_ key: String, _ value: inout Duration, _ range: ClosedRange<Double>) {
            guard let raw = text(key) else { return }
            guard let parsed = Double(raw), range.contains(parsed) else {
                return problems.append(
                    "\(env(key))=\(raw) is not a number of seconds in \(range.lowerBound)...\(range.upperBound)")
            }
            value = .milliseconds(Int((parsed * 1000).rounded()))
        }

        let root = text("spool.dir") ?? "\(home)/spool"
        let modelDirectory = text("embed.model.dir") ?? "\(home)/models/all-MiniLM-L6-v2"
        self.init(
            root: URL(fileURLWithPath: root).standardizedFileURL.path, modelDirectory: modelDirectory,
            database: database)
        integer("spool.min.files", &minFiles, 1...100_000)
        seconds("spool.max.wait", &maxWait, 0...86_400)
        seconds("spool.poll.interval", &pollInterval, 0.01...60)
        integer("spool.max.attempts", &maxAttempts, 1...1000)
        integer("spool.concurrency", &concurrency, 1...64)
        seconds("spool.retry.base", &retryBase, 0.01...3600)
        seconds("spool.retry.max", &retryMax, 0.01...86_400)
        integer("spool.segment.max.bytes", &segmentMaxBytes, 1024...(4 << 30))
        seconds("spool.segment.max.age", &segmentMaxAge, 0.01...86_400)
        integer("spool.max.file.bytes", &maxFileBytes, 1024...(16 << 30))
        integer("spool.max.decompressed.bytes", &maxDecompressedBytes, 1024...(64 << 30))
        reportDirectory = text("spool.report.dir") ?? reportDirectory
        failureLog = text("spool.failure.log") ?? failureLog
        metricsHost = text("spool.metrics.host") ?? metricsHost
        integer("spool.metrics.port", &metricsPort, 0...65535)
        if let raw = text("gate.url") {
            if let url = URL(string: raw), ["http", "https"].contains(url.scheme?.lowercased()), url.host != nil {
                gateURL = url
            } else {
                problems.append("GATE_URL=\(raw) is not an http or https URL")
            }
        }
        gateToken = reader.string(forKey: "gate.token", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        if gateURL != nil && gateToken == nil {
            problems.append("GATE_TOKEN is required with GATE_URL (the Bearer token and the signing key)")
        }
        seconds("gate.timeout", &gateTimeout, 0.1...300)
        if let raw = text("drift.threshold") {
            if let value = Double(raw), (0...1).contains(value) {
                driftThreshold = value
            } else {
                problems.append("DRIFT_THRESHOLD=\(raw) is not a number in 0...1")
            }
        }
        if let raw = text("ingest.pii") {
            if let mode = PIIMode(rawValue: raw.lowercased()) {
                piiMode = mode
            } else {
                problems.append("INGEST_PII=\(raw) is not one of off, flag, redact, reject")
            }
        }
        if let raw = text("embed.provider") {
            if let provider = EmbedProvider(rawValue: raw.lowercased()) {
                embedProvider = provider
            } else {
                problems.append(
                    "EMBED_PROVIDER=\(raw) is not one the spool worker supports (local, none; an OpenAI-compatible endpoint is for `zenglow serve`)"
                )
            }
        }
        integer("embed.threads", &embedThreads, 1...256)
        if retryMax < retryBase { problems.append("SPOOL_RETRY_MAX must be at least SPOOL_RETRY_BASE") }
        if segmentMaxBytes > maxFileBytes {
            problems.append(
                "SPOOL_SEGMENT_MAX_BYTES (\(segmentMaxBytes)) exceeds SPOOL_MAX_FILE_BYTES (\(maxFileBytes)): every sealed segment would be refused as too large"
            )
        }
        if !problems.isEmpty { throw SpoolError("configuration: " + problems.joined(separator: "; ")) }
    }
}
