/// A series drawn as one line of block characters, ▁ for its minimum and █ for its maximum.
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// `values` as at most `width` characters: an empty bucket (nil) is a blank; a flat series is
    /// all ▁. A series longer than `width` is drawn with consecutive buckets averaged.
    public static func render(_ values: [Double?], width: Int? = nil) -> String {
        let series = width.map { fit(values, width: $0) } ?? values
        let present = series.compactMap { $0 }
        guard let low = present.min(), let high = present.max() else {
            return String(repeating: " ", count: series.count)
        }
        return String(
            series.map { value -> Character in
                guard let value else { return " " }
                guard high > low else { return blocks[0] }
                let step = ((value - low) / (high - low) * Double(blocks.count - 1)).rounded()
                return blocks[min(blocks.count - 1, max(0, Int(step)))]
            })
    }

    /// `values` merged into `width` slots (means of the non-empty buckets of each).
    static func fit(_ values: [Double?], width: Int) -> [Double?] {
        guard width > 0, values.count > width else { return values }
        return (0..<width).map { slot in
            let from = slot * values.count / width
            let to = (slot + 1) * values.count / width
            let present = values[from..<max(to, from + 1)].compactMap { $0 }
            return present.isEmpty ? nil : present.reduce(0, +) / Double(present.count)
        }
    }
}
