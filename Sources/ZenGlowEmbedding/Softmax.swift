/// Numerically stable softmax over each row of a row-major matrix, in place.
enum Softmax {
    static func rows(_ values: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        for row in 0..<rows {
            let x = values + row * columns
            var largest = -Float.infinity
            for i in 0..<columns { largest = max(largest, x[i]) }
            for i in 0..<columns { x[i] -= largest }
            FastExponential.apply(x, count: columns)
            var sum: Float = 0
            for i in 0..<columns { sum += x[i] }
            let inverse = 1 / sum
            for i in 0..<columns { x[i] *= inverse }
        }
    }
}
