import Foundation
import Testing

@testable import ZenGlowEmbedding

/// The vectorised exponential and erf the encoder uses instead of libm, against libm.
@Suite struct FastMathTests {
    @Test func exponentialIsWithin4e7RelativeOfLibm() {
        var worst = 0.0
        var x: Float = -87
        while x <= 88 {
            let exact = Foundation.exp(Double(x))
            worst = max(worst, abs(Double(FastExponential.exp(x)) - exact) / exact)
            x += 0.0137
        }
        #expect(worst < 4e-7, "worst relative error \(worst)")
        #expect(FastExponential.exp(-1000) > 0)
        #expect(FastExponential.exp(1000).isFinite)
    }

    @Test func erfIsWithin1e6OfLibm() {
        var worst = 0.0
        var x: Float = -6
        while x <= 6 {
            worst = max(worst, abs(Double(GELU.erf(x)) - Foundation.erf(Double(x))))
            x += 0.001
        }
        #expect(worst < 1e-6, "worst absolute error \(worst)")
    }
}
