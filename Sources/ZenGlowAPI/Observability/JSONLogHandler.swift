import Foundation
import Logging
import Synchronization
import ZenGlowIngest

/// A swift-log handler writing one JSON object per line (time, level, label, message, the
/// metadata, and `trace_id`/`span_id` while a traced span is active), with every string passed
/// through ``PIIScrubber``.
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
        var fields: [(String, Logger.MetadataValue)] = [
            ("level", .string(event.level.rawValue)), ("logger", .string(label)),
            ("msg", .string(event.message.description)),
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields.append((key, value))
        }
        fields.sort { $0.0 < $1.0 }
        // Written by hand: JSONSerialization per line cost more than the rest of a request.
        var line = "{\"ts\":\"" + Self.timestamp() + "\""
        for (key, value) in fields {
            line += ","
            Self.appendString(key, to: &line)
            line += ":"
            Self.append(value, to: &line)
        }
        // Hex ids, written as they are: the scrubber could take a run of their digits for a phone number.
        if let trace = TraceIdentity.current {
            line += ",\"trace_id\":\"" + trace.traceID + "\",\"span_id\":\"" + trace.spanID + "\""
        }
        line += "}"
        sink(line)
    }

    private static func append(_ value: Logger.MetadataValue, to line: inout String) {
        switch value {
        case .string(let text):
            appendString(PIIScrubber.scrub(text), to: &line)
        case .stringConvertible(let convertible):
            if let number = convertible as? Int {
                line += String(number)
            } else if let number = convertible as? Double, number.isFinite {
                line += String(number)
            } else {
                appendString(PIIScrubber.scrub(convertible.description), to: &line)
            }
        case .array(let values):
            line += "["
            for (index, element) in values.enumerated() {
                if index > 0 { line += "," }
                append(element, to: &line)
            }
            line += "]"
        case .dictionary(let values):
            line += "{"
            for (index, key) in values.keys.sorted().enumerated() {
                if index > 0 { line += "," }
                appendString(key, to: &line)
                line += ":"
                append(values[key]!, to: &line)
            }
            line += "}"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func appendString(_ text: String, to line: inout String) {
        line += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: line.unicodeScalars.append(scalar)
            }
        }
        line += "\""
    }

    /// Now as `2026-11-23T19:36:37.022Z`, without a formatter object per line (they are costly
    /// enough to show in the API's per-request overhead).
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(parts.tm_year + 1900, 4) + "-" + pad(parts.tm_mon + 1, 2) + "-" + pad(parts.tm_mday, 2) + "T"
            + pad(parts.tm_hour, 2) + ":" + pad(parts.tm_min, 2) + ":" + pad(parts.tm_sec, 2) + "."
            + pad(Int32(now.tv_nsec / 1_000_000), 3) + "Z"
    }
}
