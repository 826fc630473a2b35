import Testing
@testable import RegressionKit

@Suite("Daily rates, anomaly and trend")
struct TrendTests {
    /// A collector holding `days` of (records, failed) from 2026-11-01 on, one step.
    func collector(_ days: [(Int, Int)], step: String = "generation") -> DailyRateCollector {
        var c = DailyRateCollector()
        for (n, (total, failed)) in days.enumerated() {
            for i in 0..<total {
                c.add(StepRecord(runID: "r\(n)-\(i)", stepName: step, success: i >= failed, promptVersion: "v1",
                                 timestamp: "2026-11-\(n + 1 < 10 ? "0" : "")\(n + 1)T12:00:00+00:00"))
            }
        }
        return c
    }

    @Test func binomialTailMatchesScipy() {
        #expect(abs(BinomialTest.upperTailPValue(failures: 3, trials: 3, rate: 0.5) - 0.125) < 1e-15)
        // scipy.stats.binomtest(47, 176, 0.0822328931572629, alternative='greater').pvalue
        let p = BinomialTest.upperTailPValue(failures: 47, trials: 176, rate: 0.0822328931572629)
        #expect(abs(p / 3.199872215825594e-13 - 1) < 1e-9)
        #expect(BinomialTest.upperTailPValue(failures: 0, trials: 10, rate: 0.3) == 1)
        #expect(BinomialTest.upperTailPValue(failures: 1, trials: 10, rate: 0) == 0)
    }

    @Test func aBigRiseOnFewRecordsIsNoise() {
        // 2 of 5 failed (40 %) after 20 of 200 (10 %): +30 pp, but Fisher's one-sided p is 0.0902
        // (scipy.stats.fisher_exact([[2, 3], [20, 180]], alternative='greater')).
        let check = AnomalyCheck(today: collector([(100, 10), (100, 10), (5, 2)]).days[2],
                                 previous: collector([(100, 10), (100, 10)]).days)
        #expect(check.exceedsThreshold)
        #expect(abs(check.pValue - 0.090204) < 1e-5)
        #expect(!check.anomaly)
        #expect(check.message.contains("within noise for 5 records"))
    }

    @Test func theSameRiseOnADaysTrafficIsAnAnomaly() {
        let trend = TrendAnalysis(daily: collector([(100, 10), (100, 10), (100, 40)]))
        #expect(trend.asOf.description == "2026-11-03")
        #expect(trend.anomaly?.anomaly == true)
        #expect(trend.anomaly?.message.hasPrefix("ANOMALY: 2026-11-03: 40.0 % (40/100) vs 10.0 % on the 2 days before: +30.0 pp") == true)
    }

    @Test func asOfMovesTodayAndDropsLaterDays() throws {
        let c = collector([(100, 10), (100, 10), (100, 40), (100, 5)])
        let trend = TrendAnalysis(daily: c, windowDays: 2, asOf: LogDay("2026-11-03"))
        #expect(trend.days.map(\.day.description) == ["2026-11-02", "2026-11-03"])
        #expect(trend.anomaly?.previousDays == 1)
    }

    @Test func trendIsTheLaterHalfAgainstTheEarlierAsTheAncestorComputesIt() {
        // Rates 10, 10, 15, 15 %: halves 10 and 15: +5 pp is DEGRADING (inclusive, like the ancestor).
        #expect(TrendAnalysis(daily: collector([(20, 2), (20, 2), (20, 3), (20, 3)])).direction == .degrading)
        // Five days: first half 2 days, second 3 days.
        let five = TrendAnalysis(daily: collector([(10, 3), (10, 3), (10, 3), (10, 2), (10, 2)]))
        #expect(abs(five.trendDeltaPP - (-(30 - 70.0 / 3))) < 1e-9)
        #expect(five.direction == .improving)
        // Two or three days: last minus first.
        #expect(TrendAnalysis(daily: collector([(10, 1), (10, 9), (10, 1)])).direction == .stable)
        #expect(TrendAnalysis(daily: collector([(10, 1)])).trendDeltaPP == 0)
    }

    @Test func recordsWithoutATimestampAreCountedNotDated() {
        var c = DailyRateCollector()
        c.add(StepRecord(runID: "a", stepName: "s", success: false, promptVersion: "v", timestamp: "not a time"))
        c.add(StepRecord(runID: "b", stepName: "s", success: false, promptVersion: "v"))
        c.add(StepRecord(runID: "c", stepName: "s", success: true, promptVersion: "v", timestamp: "2026-11-10T23:30:00-05:00"))
        #expect(c.undated == 2)
        #expect(c.days.map(\.day.description) == ["2026-11-10"])
    }
}
