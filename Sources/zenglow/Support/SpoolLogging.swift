import Foundation
import Logging
import ZenGlowAPI

/// The spool commands log JSON lines (with `batch_tag` on every line about a batch) to standard
/// error, keeping standard output for their reports; LOG_LEVEL sets the level (default info).
enum SpoolLogging {
    static func logger(label: String) -> Logger {
        let level =
            ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) }
            ?? .info
        return Logger(label: label) { label in
            JSONLogHandler(label: label, level: level) { line in
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        }
    }
}
