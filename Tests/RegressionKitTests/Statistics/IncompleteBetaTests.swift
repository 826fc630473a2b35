import Foundation
import Testing
@testable import RegressionKit

extension StatisticsTests {
    @Suite("IncompleteBeta")
    struct IncompleteBetaTests {
        /// Closed forms: `I_x(a, 1) = x^a`, `I_x(1, b) = 1 - (1 - x)^b`, `I_x(2, 2) = 3x^2 - 2x^3`,
        /// on both sides of the continued fraction's switch point `(a + 1) / (a + b + 2)`.
        @Test func closedForms() {
            for x in [1e-12, 0.01, 0.25, 0.5, 0.8, 0.999] {
                let y = 1 - x
                for a in [0.5, 3, 40] {
                    let r = IncompleteBeta.regularized(x: x, y: y, a: a, b: 1)
                    #expect(isRelativelyClose(r.lower, pow(x, a), 1e-13), "I_\(x)(\(a), 1)")
                    #expect(isRelativelyClose(r.upper, -expm1(a * log(x)), 1e-13), "1 - I_\(x)(\(a), 1)")
                    let s = IncompleteBeta.regularized(x: x, y: y, a: 1, b: a)
                    #expect(isRelativelyClose(s.lower, -expm1(a * log1p(-x)), 1e-13), "I_\(x)(1, \(a))")
                }
                let r = IncompleteBeta.regularized(x: x, y: y, a: 2, b: 2)
                #expect(isRelativelyClose(r.lower, x * x * (3 - 2 * x), 1e-13), "I_\(x)(2, 2)")
                #expect(isRelativelyClose(r.upper, y * y * (3 - 2 * y), 1e-13), "1 - I_\(x)(2, 2)")
            }
        }

        @Test func endpoints() {
            #expect(IncompleteBeta.regularized(x: 0, y: 1, a: 2, b: 3) == (lower: 0, upper: 1))
            #expect(IncompleteBeta.regularized(x: 1, y: 0, a: 2, b: 3) == (lower: 1, upper: 0))
        }

        /// `ln B(a, 1/2)` from Stirling differences for large `a`, against mpmath at 30 digits (a
        /// difference of `lgamma` values would already be off by 8e-13 at `a = 1000`), and the
        /// exact `B(a, 1) = 1 / a`.
        @Test func logBeta() {
            let mpmath: [(Double, Double)] = [
                (10, -0.5664327963975939), (10.5, -0.5914224107470516), (37, -1.2297157378203016),
                (250, -2.187865516339755), (1000, -2.8813876965715766), (50000, -4.837521699280441),
            ]
            for (a, expected) in mpmath {
                #expect(isRelativelyClose(IncompleteBeta.logBeta(a, 0.5), expected, 1e-14), "a \(a)")
                #expect(isRelativelyClose(IncompleteBeta.logBeta(a, 1), -log(a), 1e-14), "a \(a)")
            }
            #expect(abs(IncompleteBeta.logBeta(0.5, 0.5) - log(Double.pi)) < 1e-15)
        }
    }
}
