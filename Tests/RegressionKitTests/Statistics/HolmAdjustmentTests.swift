import Testing
@testable import RegressionKit

extension StatisticsTests {
    @Suite("HolmAdjustment")
    struct HolmAdjustmentTests {
        @Test func matchesStatsmodelsExactly() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.holm.count >= 5)
            for item in reference.holm {
                #expect(HolmAdjustment.adjustedPValues(item.pValues) == item.adjusted, "\(item.pValues)")
            }
        }

        @Test func handWorkedExample() {
            // Sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 -> max(0.04, 0.06) = 0.06.
            let adjusted = HolmAdjustment.adjustedPValues([0.01, 0.04, 0.03, 0.005])
            let expected = [0.03, 0.06, 0.06, 0.02]
            for (a, e) in zip(adjusted, expected) { #expect(abs(a - e) < 1e-15) }
        }

        @Test func edgeCases() {
            #expect(HolmAdjustment.adjustedPValues([]) == [])
            #expect(HolmAdjustment.adjustedPValues([0.3]) == [0.3])
            #expect(HolmAdjustment.adjustedPValues([0.6, 0.7]) == [1, 1])
            #expect(HolmAdjustment.adjustedPValues([.nan, 0.01]) == [1, 0.02])
        }

        @Test func adjustedValuesAreMonotoneAndNeverBelowRaw() {
            let raw = [0.04, 0.2, 0.001, 0.03, 0.03, 0.5, 0.011, 0.9]
            let adjusted = HolmAdjustment.adjustedPValues(raw)
            for i in raw.indices {
                #expect(adjusted[i] >= raw[i] && adjusted[i] <= 1)
                for j in raw.indices where raw[i] <= raw[j] { #expect(adjusted[i] <= adjusted[j]) }
            }
        }
    }
}
