#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Numerically stable softmax over each row of a row-major matrix, in place.
enum Softmax {
    static func rows(_ values: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        for row in 0..<rows {
            let x = values + row * columns
            var largest = -Float.infinity
            for i in 0..<columns { largest = max(largest, x[i]) }
            var sum: Float = 0
            for i in 0..<columns {
                let e = expf(x[i] - largest)
                x[i] = e
                sum += e
            }
            let inverse = 1 / sum
            for i in 0..<columns { x[i] *= inverse }
        }
    }
}
