/// The exact GELU BERT was trained with, x · Φ(x) = ½ x (1 + erf(x / √2)), not the tanh
/// approximation. erf comes from Abramowitz & Stegun 7.1.26 (absolute error below 1e-6 in float,
/// far inside the 0.9999 cosine budget) on the vectorised exponential, not one libm `erff` per value.
enum GELU {
    static func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count {
            let x = values[i]
            values[i] = 0.5 * x * (1 + erf(x * 0.707_106_78))
        }
    }

    @inline(__always)
    static func erf(_ x: Float) -> Float {
        let a = abs(x)
        let t = 1 / (1 + 0.327_591_1 * a)
        var p: Float = 1.061_405_429
        p = p * t - 1.453_152_027
        p = p * t + 1.421_413_741
        p = p * t - 0.284_496_736
        p = p * t + 0.254_829_592
        let y = 1 - p * t * FastExponential.exp(-a * a)
        return x < 0 ? -y : y
    }
}
