import Foundation
import Testing
@testable import RegressionKit

/// The bytes a trace's steps are handed on with: written without a `String`, they must be what
/// the native format's reader would see for the same step.
struct TraceRecordsTests {
    @Test(arguments: [
        UInt64(0),                          // the epoch, no microseconds
        1_794_303_600_000_000_000,          // a whole second
        1_794_303_600_002_000_000,          // 2 ms
        1_794_303_601_542_955_418,          // nanoseconds below a microsecond dropped
        951_782_400_000_001_000,            // 2000-02-29, 1 µs
        4_102_444_799_999_999_999,          // 2099-12-31T23:59:59.999999
        UInt64.max,                         // the last instant a UInt64 holds (year 2554)
    ])
    func stepTimestampsAreTheNativeFormatsText(unixNano: UInt64) {
        var bytes: [UInt8] = []
        TraceRecords.appendTimestamp(unixNano, to: &bytes)
        let expected = LogTimestamp.format(secondsSince1970: Int(unixNano / 1_000_000_000),
                                           microseconds: Int(unixNano % 1_000_000_000 / 1000))
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    /// The date is worked out by arithmetic: every instant must read as the native format writes it.
    @Test func everyInstantIsTheNativeFormatsText() {
        var rng = SystemRandomNumberGenerator()
        let dayStarts = [(1969, 1972), (1999, 2001), (2099, 2101), (2399, 2401)].flatMap { from, to in
            (LogTimestampTestDays.daysSince1970(from)...LogTimestampTestDays.daysSince1970(to)).map { UInt64(max(0, $0)) * 86_400_000_000_000 }
        }
        for unixNano in dayStarts + (0..<20_000).map({ _ in UInt64.random(in: 0...UInt64.max, using: &rng) }) {
            var bytes: [UInt8] = []
            TraceRecords.appendTimestamp(unixNano, to: &bytes)
            let expected = LogTimestamp.format(secondsSince1970: Int(unixNano / 1_000_000_000),
                                               microseconds: Int(unixNano % 1_000_000_000 / 1000))
            #expect(String(decoding: bytes, as: UTF8.self) == expected)
        }
    }

    @Test func runIDsAreTheTraceIDsHex() {
        for id in [TraceID(high: 1, low: 0xABCD), TraceID(high: 0xF3A3_C571_7476_1899, low: 0x75A3_ADB3_254A_9493), TraceID(high: .max, low: .max)] {
            #expect(String(decoding: TraceRecords.hexUTF8(id.high) + TraceRecords.hexUTF8(id.low), as: UTF8.self) == id.hex)
        }
    }
}

/// Days from 1970-01-01 to January 1 of a year, counted plainly, for the tests' day boundaries.
enum LogTimestampTestDays {
    static func daysSince1970(_ year: Int) -> Int {
        func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }
        return year >= 1970 ? (1970..<year).reduce(0) { $0 + (isLeap($1) ? 366 : 365) }
                            : -(year..<1970).reduce(0) { $0 + (isLeap($1) ? 366 : 365) }
    }
}
