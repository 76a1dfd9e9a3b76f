import Foundation
import Logging
import Synchronization

/// A swift-log handler writing one JSON object per line (time, level, label, message and the
/// metadata), with every string passed through ``PIIScrubber``.
public struct JSONLogHandler: LogHandler {
    /// Where lines go; a test can collect them.
    public typealias Sink = @Sendable (String) -> Void

    private static let stdoutLock = Mutex(())
    public static let standardOutput: Sink = { line in
        stdoutLock.withLock { _ in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String
    let sink: Sink

    public init(label: String, level: Logger.Level = .info, sink: @escaping Sink = JSONLogHandler.standardOutput) {
        self.label = label
        self.logLevel = level
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: Any] = [
            "ts": ISO8601DateFormatter.string(
                from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds]),
            "level": event.level.rawValue,
            "logger": label,
            "msg": PIIScrubber.scrub(event.message.description),
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            object[key] = Self.json(value)
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        sink(String(decoding: data, as: UTF8.self))
    }

    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): return PIIScrubber.scrub(text)
        case .stringConvertible(let convertible):
            if let number = convertible as? Int { return number }
            if let number = convertible as? Double { return number }
            return PIIScrubber.scrub(convertible.description)
        case .array(let values): return values.map(json)
        case .dictionary(let values): return values.mapValues(json)
        }
    }
}
