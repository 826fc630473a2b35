import Testing
@testable import RegressionKit

/// `UTF8Validation.isValid` against the standard library's strict decoder, `String(validating:as:)`.
@Suite("UTF-8 validation")
struct UTF8ValidationTests {
    static func check(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = String(validating: bytes, as: UTF8.self) != nil
        let valid = bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) }
        #expect(valid == expected, "\(bytes.map { String($0, radix: 16) })", sourceLocation: sourceLocation)
    }

    /// The values around every boundary a continuation byte has for some lead byte.
    static let edges: [UInt8] = [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xE0, 0xFF]

    @Test func everyOneAndTwoByteSequence() {
        for a in 0...255 {
            Self.check([UInt8(a)])
            for b in 0...255 { Self.check([UInt8(a), UInt8(b)]) }
        }
    }

    /// Every first byte with the edge values after it, ending in each part of the four-byte unrolled loop.
    @Test func everyLeadByteWithEdgeContinuations() {
        for a in 0...255 {
            for b in Self.edges {
                for c in Self.edges {
                    Self.check([UInt8(a), b, c])
                    for d in Self.edges {
                        for prefix in [0, 2, 3] { Self.check(Array(repeating: 0x41, count: prefix) + [UInt8(a), b, c, d, 0x41]) }
                    }
                }
            }
        }
    }

    @Test func namedCases() {
        let cases: [[UInt8]] = [
            [], Array("plain ASCII text".utf8), Array("Aynı sorgu iki kere patladı 日本語 😀".utf8),
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x9F, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF],   // overlong
            [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xED, 0x9F, 0xBF],                   // surrogates, and U+D7FF
            [0xF4, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF5, 0x80, 0x80, 0x80], // above U+10FFFF, and U+10FFFF
            [0xE6, 0x97], [0xF0, 0x9F, 0x98], [0xC3], [0x80], [0xBF, 0x80],                // truncated, stray continuation
        ]
        for bytes in cases { Self.check(bytes) }
    }

    @Test func randomSequences() {
        var generator = SplitMix64(seed: 2)
        for _ in 0..<200_000 {
            let count = Int(generator.next() % 24)
            // Half of the bytes in 0x80...0xF5, where the rules are; some whole valid characters too.
            var bytes: [UInt8] = []
            while bytes.count < count {
                switch generator.next() % 4 {
                case 0: bytes.append(UInt8(0x80 + generator.next() % 0x76))
                case 1: bytes.append(UInt8(truncatingIfNeeded: generator.next()))
                case 2: bytes += Array(String(Character(Unicode.Scalar(UInt32(0x80 + generator.next() % 0xD700))!)).utf8)
                default: bytes += Array(String(Character(Unicode.Scalar(UInt32(0x10000 + generator.next() % 0x100000))!)).utf8)
                }
            }
            Self.check(bytes)
        }
    }

    /// The memo skips validating bytes it has seen valid, and nothing else: an invalid string of
    /// the same length as the remembered one, or one that differs in a single byte, is still rejected.
    @Test func theMemoRemembersOnlyValidBytes() {
        var memo = UTF8Memo()
        let valid = Array("şirket politikası 日本語".utf8)
        var broken = valid
        broken[broken.count - 1] = 0xFF
        var truncated = valid
        truncated.removeLast()     // ends inside a three-byte character
        for _ in 0..<3 {
            #expect(valid.withUnsafeBufferPointer { memo.isValid($0) })
            #expect(!broken.withUnsafeBufferPointer { memo.isValid($0) })
            #expect(!truncated.withUnsafeBufferPointer { memo.isValid($0) })
        }
        let long = Array(String(repeating: "é", count: UTF8Memo.maxBytes).utf8)   // too long to keep
        #expect(long.withUnsafeBufferPointer { memo.isValid($0) })
        #expect(valid.withUnsafeBufferPointer { memo.isValid($0) })
    }
}
