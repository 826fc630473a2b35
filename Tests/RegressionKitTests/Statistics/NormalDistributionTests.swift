import Testing
@testable import RegressionKit

extension StatisticsTests {
    @Suite("NormalDistribution")
    struct NormalDistributionTests {
        @Test func quantileMatchesScipyToOnePartInATrillion() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.normal.quantile.count >= 20)
            for item in reference.normal.quantile {
                let x = NormalDistribution.quantile(item.p)
                let close = item.x == 0 ? abs(x) <= 1e-15 : isRelativelyClose(x, item.x, 1e-12)
                #expect(close, "quantile(\(item.p)) = \(x), scipy \(item.x)")
            }
        }

        @Test func cdfAndSurvivalMatchScipy() throws {
            let reference = try StatisticsReference.load()
            for item in reference.normal.cdf {
                #expect(isRelativelyClose(NormalDistribution.cdf(item.x), item.cdf, 1e-12), "cdf(\(item.x))")
                #expect(isRelativelyClose(NormalDistribution.survival(item.x), item.survival, 1e-12), "survival(\(item.x))")
            }
        }

        @Test func textbookValues() {
            #expect(abs(NormalDistribution.quantile(0.975) - 1.959963984540054) < 1e-14)
            #expect(abs(NormalDistribution.quantile(0.95) - 1.6448536269514722) < 1e-14)
            #expect(NormalDistribution.quantile(0.5) == 0)
            #expect(abs(NormalDistribution.cdf(0) - 0.5) < 1e-16)
            #expect(abs(NormalDistribution.cdf(1.959963984540054) - 0.975) < 1e-15)
        }

        @Test func boundariesAndInvalidInput() {
            #expect(NormalDistribution.quantile(0) == -.infinity)
            #expect(NormalDistribution.quantile(1) == .infinity)
            #expect(NormalDistribution.quantile(-0.1).isNaN)
            #expect(NormalDistribution.quantile(1.5).isNaN)
            #expect(NormalDistribution.quantile(.nan).isNaN)
        }

        @Test func quantileIsAntisymmetricAndInvertsTheCDF() {
            // Dyadic p, so that 1 - p is exact.
            for p in [0x1p-40, 0x1p-20, 0.0625, 0.25, 0.4375] {
                #expect(isRelativelyClose(NormalDistribution.quantile(p), -NormalDistribution.quantile(1 - p), 1e-13), "p = \(p)")
            }
            for x in [-30.0, -7.5, -2.0, -0.3, 0.7, 3.0] {
                let p = NormalDistribution.cdf(x)
                #expect(isRelativelyClose(NormalDistribution.quantile(p), x, 1e-12), "x = \(x)")
            }
        }
    }
}
