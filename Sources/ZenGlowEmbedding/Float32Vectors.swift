import Foundation

/// Embeddings as raw little-endian float32 rows (the shared reference files, the peer's dump) and
/// the cosine used to compare two of them.
public enum Float32Vectors {
    /// The rows of `data`, `width` floats each; at most `rows` of them when given.
    public static func rows(_ data: Data, width: Int, rows: Int? = nil) -> [[Float]] {
        let count = min(rows ?? .max, data.count / (4 * width))
        return data.withUnsafeBytes { raw in
            (0..<count).map { row in
                (0..<width).map { column in
                    Float(
                        bitPattern: UInt32(
                            littleEndian: raw.loadUnaligned(fromByteOffset: 4 * (row * width + column), as: UInt32.self)
                        ))
                }
            }
        }
    }

    /// The cosine of two vectors, accumulated in double precision.
    public static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0
        var na = 0.0
        var nb = 0.0
        for (x, y) in zip(a, b) {
            dot += Double(x) * Double(y)
            na += Double(x) * Double(x)
            nb += Double(y) * Double(y)
        }
        return dot / max((na * nb).squareRoot(), .leastNonzeroMagnitude)
    }
}
