/// e^x over a buffer, written as a branch-free loop the compiler vectorises (libm's `expf` is one
/// call per value and was a tenth of the encoder's time): range reduction x = n·ln2 + r with
/// |r| ≤ ln2/2, a degree-6 polynomial for e^r, and 2^n built in the exponent bits. Relative error
/// below 4e-7 over the float range used (tested against libm); inputs are clamped to [-87, 88], where e^x is a normal float.
enum FastExponential {
    static func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { values[i] = exp(values[i]) }
    }

    @inline(__always)
    static func exp(_ input: Float) -> Float {
        let x = min(max(input, -87), 88)
        // n = round(x / ln2) by the 1.5 · 2^23 trick: the sum's low mantissa bits hold n itself,
        // so no float-to-integer conversion (and its range check) is needed.
        let shifted = x * 1.442_695_04 + 12_582_912
        let n = shifted - 12_582_912
        // ln2 in two parts (Cephes), the first exact in few bits, so r keeps its low bits.
        let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
        var p: Float = 1.987_569_2e-4
        p = p * r + 1.398_199_9e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_6e-2
        p = p * r + 0.166_666_65
        p = p * r + 0.5
        p = p * r * r + r + 1
        let scale = Float(bitPattern: (shifted.bitPattern &- 0x4B40_0000 &+ 127) << 23)
        return p * scale
    }
}
