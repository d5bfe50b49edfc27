@testable import DictEmbedding
import Foundation
import Testing

/// The float erf used by GELU agrees with the C library's double-precision erf.
struct ErfTests {
    @Test func agreesWithLibraryErfAcrossTheLine() {
        var worst: Double = 0
        for step in -80_000...80_000 {
            let x = Float(step) * 1e-4   // -8 ... 8
            worst = max(worst, abs(Double(Erf.erf(x)) - Foundation.erf(Double(x))))
        }
        #expect(worst < 5e-7, "max abs error \(worst)")
        #expect(Erf.erf(0) == 0)
        #expect(abs(Erf.erf(-.infinity) + 1) < 1e-6 && abs(Erf.erf(.infinity) - 1) < 1e-6)
        #expect(Erf.erf(-1.5) == -Erf.erf(1.5))
    }
}
