#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The exact GELU BERT was trained with, x · Φ(x) = ½ x (1 + erf(x / √2)), not the tanh approximation.
enum GELU {
    static func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        let inverseRoot2: Float = 0.70710678118654752
        for i in 0..<count {
            let x = values[i]
            values[i] = 0.5 * x * (1 + erff(x * inverseRoot2))
        }
    }
}
