import Testing
@testable import RegressionKit

@Suite("Log timestamps")
struct LogTimestampTests {
    @Test func pythonIsoformatParsesExactly() throws {
        let t = try #require(LogTimestamp("2026-06-11T01:53:53.961023+00:00"))
        #expect(t.day.description == "2026-06-11")
        #expect(t.microsecondsSinceEpoch == 1_781_142_833_961_023)
        #expect(LogTimestamp("2026-06-11T01:53:53+00:00")!.microsecondsSinceEpoch == 1_781_142_833_000_000)
        #expect(LogTimestamp("2026-06-11T01:53:53.5Z")!.microsecondsSinceEpoch == 1_781_142_833_500_000)
        #expect(LogTimestamp("2026-06-11 01:53:53.1234567+00:00")!.microsecondsSinceEpoch == 1_781_142_833_123_456)
    }

    @Test func theDayIsTheDateAsWrittenAndTheInstantHonoursTheOffset() throws {
        let west = try #require(LogTimestamp("2026-11-10T23:30:00-05:00"))
        let utc = try #require(LogTimestamp("2026-11-11T04:30:00+00:00"))
        #expect(west.day.description == "2026-11-10")
        #expect(west.microsecondsSinceEpoch == utc.microsecondsSinceEpoch)
        #expect(LogTimestamp("2026-11-11T05:30:00+0100")!.microsecondsSinceEpoch == utc.microsecondsSinceEpoch)
        #expect(LogTimestamp("2026-11-11")!.microsecondsSinceEpoch == LogTimestamp("2026-11-11T00:00:00Z")!.microsecondsSinceEpoch)
    }

    @Test func invalidTimestampsAreNil() {
        for text in ["", "yesterday", "2026-02-30T00:00:00Z", "2026-11-10T25:00:00Z", "2026-11-10T10:00:00+00:00 trailing", "2026-11-10T10:00:00."] {
            #expect(LogTimestamp(text) == nil, "\(text)")
        }
    }

    @Test func daysStepAcrossMonthsAndLeapYears() throws {
        #expect(LogDay("2028-02-28")!.advanced(by: 1).description == "2028-02-29")
        #expect(LogDay("2026-12-31")!.advanced(by: 1).description == "2027-01-01")
        #expect(LogDay("1970-01-01")!.daysSinceEpoch == 0)
        #expect(LogDay("1969-12-31")!.daysSinceEpoch == -1)
    }
}
