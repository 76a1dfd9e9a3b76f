import Foundation

/// How numbers read in `zenglow stats` tables.
public enum StatsNumber {
    /// Milliseconds: one decimal under 100 (`12.3`), whole above (`1234`); `-` when unknown.
    public static func milliseconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return value < 100 ? String(format: "%.1f", value) : String(format: "%.0f", value)
    }

    /// A ratio 0…1 as a percentage with one decimal (`2.5%`); `-` when unknown.
    public static func percent(_ ratio: Double?) -> String {
        guard let ratio, ratio.isFinite else { return "-" }
        return String(format: "%.1f%%", ratio * 100)
    }

    /// A divergence or overlap 0…1 with three decimals; `-` when unknown.
    public static func fraction(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.3f", value)
    }

    /// Seconds with one decimal; `-` when unknown.
    public static func seconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.1f", value)
    }

    /// `part / whole`, nil when `whole` is 0.
    public static func ratio(_ part: Int64, _ whole: Int64) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }
}
