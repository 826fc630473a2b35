import Foundation
import Testing
@testable import RegressionKit

extension StatisticsTests {
    @Suite("StudentT")
    struct StudentTTests {
        @Test func cdfAndSurvivalMatchScipyToOnePartInABillion() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.studentT.cdf.count >= 300)
            var worst = 0.0
            for item in reference.studentT.cdf {
                let nu = item.degreesOfFreedom
                let cdf = StudentT.cdf(item.x, degreesOfFreedom: nu), survival = StudentT.survival(item.x, degreesOfFreedom: nu)
                #expect(isRelativelyClose(cdf, item.cdf, 1e-9), "cdf(\(item.x), nu \(nu)) = \(cdf), scipy \(item.cdf)")
                #expect(isRelativelyClose(survival, item.survival, 1e-9), "survival(\(item.x), nu \(nu)) = \(survival), scipy \(item.survival)")
                worst = max(worst, abs(cdf - item.cdf) / item.cdf, abs(survival - item.survival) / item.survival)
            }
            // The implementation is far better than the contract; a slip to 1e-12 would be a regression.
            #expect(worst < 1e-12, "worst relative error \(worst)")
        }

        @Test func quantileMatchesScipyToOnePartInABillion() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.studentT.quantile.count >= 300)
            var worst = 0.0
            for item in reference.studentT.quantile {
                let x = StudentT.quantile(item.p, degreesOfFreedom: item.degreesOfFreedom)
                // 1e-9 absolute where |x| <= 1; relative beyond, where quantiles reach 1e299.
                let error = abs(x - item.x) / max(1, abs(item.x))
                #expect(error <= 1e-9, "quantile(\(item.p), nu \(item.degreesOfFreedom)) = \(x), scipy \(item.x)")
                worst = max(worst, error)
            }
            #expect(worst < 1e-12, "worst error \(worst)")
        }

        /// scipy 1.17's `t.ppf(1e-300, 1.5)` is -8.2e153, so the fixture skips it; mpmath at 40
        /// digits puts P(T > 5.21946942734435e199) at 1.00000000000008e-300.
        @Test func deepTailBeyondScipy() {
            #expect(isRelativelyClose(StudentT.quantile(1e-300, degreesOfFreedom: 1.5), -5.21946942734435e199, 1e-12))
            #expect(isRelativelyClose(StudentT.cdf(-5.21946942734435e199, degreesOfFreedom: 1.5), 1.00000000000008e-300, 1e-12))
        }

        /// Closed forms: nu = 1 is the Cauchy distribution, nu = 2 has
        /// `P(T > t) = (1 - t / sqrt(2 + t^2)) / 2`.
        @Test func closedFormsForOneAndTwoDegreesOfFreedom() {
            for t in [-1e8, -30.0, -1.0, -1e-9, 1e-9, 0.5, 1, 3, 250, 1e12] {
                let cauchy = t > 0 ? atan(1 / t) / Double.pi : 1 - atan(-1 / t) / Double.pi
                #expect(isRelativelyClose(StudentT.survival(t, degreesOfFreedom: 1), cauchy, 1e-13), "nu 1, t \(t)")
                // (1 - |t| / s) / 2 = 1 / (s (s + |t|)), s = sqrt(2 + t^2), without cancellation.
                let s = (2 + t * t).squareRoot(), upper = 1 / (s * (s + abs(t)))
                let two = t > 0 ? upper : 1 - upper
                #expect(isRelativelyClose(StudentT.survival(t, degreesOfFreedom: 2), two, 1e-13), "nu 2, t \(t)")
            }
            for p in [1e-300, 1e-12, 0.01, 0.05, 0.3] {
                #expect(isRelativelyClose(StudentT.quantile(p, degreesOfFreedom: 1), -1 / tan(Double.pi * p), 1e-13), "nu 1, p \(p)")
                let two = (1 - 2 * p) / (2 * p * (1 - p)).squareRoot()
                #expect(isRelativelyClose(StudentT.quantile(p, degreesOfFreedom: 2), -two, 1e-13), "nu 2, p \(p)")
            }
        }

        @Test func textbookCriticalValues() {
            // One-sided 95 % and 97.5 % points, e.g. Abramowitz & Stegun Table 26.10.
            for (nu, at95, at975) in [(1.0, 6.314, 12.706), (4, 2.132, 2.776), (9, 1.833, 2.262), (19, 1.729, 2.093), (29, 1.699, 2.045)] {
                #expect(abs(StudentT.quantile(0.95, degreesOfFreedom: nu) - at95) < 5e-4, "nu \(nu)")
                #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: nu) - at975) < 5e-4, "nu \(nu)")
            }
        }

        @Test func quantileInvertsTheCDFEverywhere() {
            // Fractional and large degrees of freedom, deep tails, and the centre.
            for nu in [1.0, 1.25, 1.5, 2, 3.7, 12, 119, 5000, 1e6] {
                for p in [1e-300, 1e-150, 1e-40, 1e-9, 0.003, 0.2, 0.4999, 0.5, 0.75, 0.975, 1 - 1e-9] {
                    let x = StudentT.quantile(p, degreesOfFreedom: nu)
                    guard x.isFinite else {
                        Issue.record("quantile(\(p), nu \(nu)) = \(x)")
                        continue
                    }
                    let back = p < 0.5 ? StudentT.cdf(x, degreesOfFreedom: nu) : 1 - StudentT.survival(x, degreesOfFreedom: nu)
                    #expect(isRelativelyClose(back, p, 1e-11), "nu \(nu), p \(p): x \(x), cdf \(back)")
                }
            }
        }

        @Test func symmetryAndLimits() {
            for nu in [1.0, 2.5, 30] {
                #expect(StudentT.quantile(0.5, degreesOfFreedom: nu) == 0)
                #expect(StudentT.cdf(0, degreesOfFreedom: nu) == 0.5)
                // Dyadic p, so that 1 - p is exact.
                for p in [0x1p-30, 0.0625, 0.375] {
                    #expect(StudentT.quantile(p, degreesOfFreedom: nu) == -StudentT.quantile(1 - p, degreesOfFreedom: nu), "nu \(nu), p \(p)")
                }
                #expect(StudentT.quantile(0, degreesOfFreedom: nu) == -.infinity)
                #expect(StudentT.quantile(1, degreesOfFreedom: nu) == .infinity)
                #expect(StudentT.quantile(-0.1, degreesOfFreedom: nu).isNaN)
                #expect(StudentT.quantile(.nan, degreesOfFreedom: nu).isNaN)
                #expect(StudentT.survival(.infinity, degreesOfFreedom: nu) == 0)
                #expect(StudentT.cdf(.infinity, degreesOfFreedom: nu) == 1)
                #expect(StudentT.survival(.nan, degreesOfFreedom: nu).isNaN)
            }
            // Infinitely many degrees of freedom is the standard normal.
            #expect(StudentT.quantile(0.95, degreesOfFreedom: .infinity) == NormalDistribution.quantile(0.95))
            #expect(StudentT.survival(2, degreesOfFreedom: .infinity) == NormalDistribution.survival(2))
            #expect(abs(StudentT.quantile(0.95, degreesOfFreedom: 1e9) - NormalDistribution.quantile(0.95)) < 1e-8)
        }

        @Test func densityIntegratesToTheCDF() {
            // Simpson's rule on [0, 2] against cdf(2) - cdf(0).
            for nu in [1.0, 3, 40] {
                let steps = 2000, h = 2.0 / Double(steps)
                var sum = StudentT.density(0, degreesOfFreedom: nu) + StudentT.density(2, degreesOfFreedom: nu)
                for i in 1..<steps { sum += Double(i % 2 == 0 ? 2 : 4) * StudentT.density(Double(i) * h, degreesOfFreedom: nu) }
                let integral = sum * h / 3
                #expect(abs(integral - (StudentT.cdf(2, degreesOfFreedom: nu) - 0.5)) < 1e-12, "nu \(nu)")
            }
        }
    }
}
