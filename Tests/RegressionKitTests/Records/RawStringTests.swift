import Testing
@testable import RegressionKit

/// `RawString` packs a range and an escapes flag in 8 bytes, and `RawStepRecord` keeps its optional
/// strings as `RawString.absent`: what goes in must come out, at the limits too.
@Suite("Raw strings")
struct RawStringTests {
    @Test("range and escapes flag round-trip, up to the largest offset")
    func roundTrip() {
        let largest = (1 << 31) - 1
        for (start, end) in [(0, 0), (0, 1), (17, 42), (largest - 5, largest), (largest, largest)] {
            for escapes in [false, true] where !(escapes && start == end) {
                let s = RawString(start: start, end: end, hasEscapes: escapes)
                #expect(s.start == start)
                #expect(s.end == end)
                #expect(s.hasEscapes == escapes)
                #expect(s.isEmpty == (start == end))
                #expect(!s.isAbsent)
            }
        }
    }

    @Test("a record's optional strings read back as set, nil included")
    func optionals() {
        var raw = RawStepRecord(line: UnsafeBufferPointer(start: nil, count: 0))
        let empty = RawString(start: 3, end: 3), escaped = RawString(start: 5, end: 9, hasEscapes: true)
        #expect(raw.timestamp == nil && raw.errorType == nil && raw.caseID == nil)
        raw.timestamp = empty
        raw.errorType = escaped
        raw.caseID = RawString(start: 0, end: 0)
        #expect(raw.timestamp.map { ($0.start, $0.end, $0.isEmpty) } ?? (-1, -1, false) == (3, 3, true))
        #expect(raw.errorType?.hasEscapes == true && raw.errorType?.end == 9)
        #expect(raw.caseID != nil)
        #expect(raw.inputSummary == nil && raw.outputSummary == nil && raw.modelName == nil)
        raw.errorType = nil
        #expect(raw.errorType == nil)
    }

    /// Not a timing: a record of more than 128 bytes is copied with a call to `memcpy` on every
    /// line (LLVM inlines copies of up to eight 16-byte moves), which cost 3 % of a gate's time.
    @Test("a scanned record stays within 128 bytes")
    func recordSize() {
        #expect(MemoryLayout<RawString>.size == 8)
        #expect(MemoryLayout<RawStepRecord>.size <= 128)
    }
}
