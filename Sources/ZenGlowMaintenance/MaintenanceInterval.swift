import Foundation

/// How often the maintainer runs (`--every 60s`, `1m`, `2h`): a positive whole number of
/// seconds, minutes or hours.
public struct MaintenanceInterval: Sendable, Equatable, CustomStringConvertible {
    public let seconds: Int

    public init(seconds: Int) throws(MaintenanceError) {
        guard seconds > 0 else {
            throw MaintenanceError("the interval must be longer than 0, e.g. 60s, 1m or 1h")
        }
        self.seconds = seconds
    }

    /// `30s`, `1m`, `2h`; a number alone is seconds.
    public init(parsing text: String) throws(MaintenanceError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Int)] = [("s", 1), ("m", 60), ("h", 3600)]
        let (digits, scale) =
            units.first { trimmed.hasSuffix($0.0) }.map { (String(trimmed.dropLast($0.0.count)), $0.1) } ?? (trimmed, 1)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            let count = Int(digits), count <= 7 * 86_400
        else {
            throw MaintenanceError(
                "interval \"\(text)\" is not a positive whole number of seconds, minutes or hours, e.g. 60s, 1m or 1h")
        }
        try self.init(seconds: count * scale)
    }

    public var duration: Duration { .seconds(seconds) }

    public var description: String {
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }

    /// The pg_cron schedule that runs this often: a cron expression, which can only divide an
    /// hour or a day evenly; pg_cron 1.4 (Debian's postgresql-15-cron) runs a job at most once a
    /// minute (its `N seconds` form came in 1.5).
    public func cronSchedule() throws(MaintenanceError) -> String {
        let minutes = seconds / 60
        let hours = seconds / 3600
        switch seconds {
        case 1..<60:
            throw MaintenanceError(
                "pg_cron 1.4 runs a job at most once a minute: use --every 1m or longer, or "
                    + "`zenglow maintain run --every \(self)` for a shorter interval")
        case 60: return "* * * * *"
        case _ where seconds % 60 == 0 && minutes < 60 && 60 % minutes == 0: return "*/\(minutes) * * * *"
        case 3600: return "0 * * * *"
        case _ where seconds % 3600 == 0 && hours < 24 && 24 % hours == 0: return "0 */\(hours) * * *"
        case 86_400: return "0 0 * * *"
        default:
            throw MaintenanceError(
                "pg_cron cannot run every \(self): use minutes that divide an hour (1m, 5m, 15m…), "
                    + "hours that divide a day (1h, 6h…), or --cron with a cron expression")
        }
    }
}
