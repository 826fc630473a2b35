import Testing
@testable import RegressionKit

/// `scanPlainDecimal` and `scanPlainInteger` against the general way (`scanNumber`, then
/// `fastDoubleValue` or `integerValue`): whatever they take must be a valid number, consumed to
/// the same byte, with the very same value; whatever they leave, they leave unconsumed.
@Suite("Plain numbers")
struct PlainNumbersTests {
    /// Checks `text` alone and followed by more of a line: numbers read a word (eight bytes) at a
    /// time where eight bytes are there to read, and digit by digit near the end of the bytes.
    static func check(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        checkAlone(text, sourceLocation: sourceLocation)
        checkAlone(text + ", \"token_count\": 1}", sourceLocation: sourceLocation)
    }

    static func checkAlone(_ text: String, sourceLocation: SourceLocation) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var general = JSONScanner(buffer)
            let scanned = try? general.scanNumber()
            let generalDouble = scanned.flatMap { try? general.fastDoubleValue(of: $0.0) }
            let generalInteger = scanned.flatMap { general.integerValue(of: $0.0, isInteger: $0.isInteger) }

            var decimal = JSONScanner(buffer)
            if let value = decimal.scanPlainDecimal() {
                #expect(generalDouble?.bitPattern == value.bitPattern && decimal.index == general.index,
                        "\(text): \(value) to \(decimal.index), generally \(String(describing: generalDouble)) to \(general.index)",
                        sourceLocation: sourceLocation)
            } else {
                #expect(decimal.index == 0, "\(text)", sourceLocation: sourceLocation)
            }
            var integer = JSONScanner(buffer)
            if let value = integer.scanPlainInteger() {
                #expect(scanned?.isInteger == true && generalInteger == value && integer.index == general.index,
                        "\(text): \(value) to \(integer.index), generally \(String(describing: generalInteger)) to \(general.index)",
                        sourceLocation: sourceLocation)
            } else {
                #expect(integer.index == 0, "\(text)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: [
        "0", "-0", "0.0", "-0.0", "7", "412.57", "175.47", "0.005", "1e3", "1E3", "1.5e-3", "12.0", "01", "-01", "1.", "-", "",
        ".5", "+1", "00", "0x10", "1.2.3", "123456789012345", "1234567890123456", "123456789012345.0", "0.000000000000000000001",
        "0.0000000000000000000001", "0.1234567890123456", "0.00000000000000000000001", "999999999999999999", "1000000000000000000",
        "-999999999999999999", "9223372036854775807", "9223372036854775808", "12,", "12}", "12 ", "12a", "12-", "5.5e", "3.14159",
        "1234567", "12345678", "-1234567.1234567", "1234567.12345678", "0.0000001", "0.00000001", "7.05", "10.5E2", "3/", "3:",
        "9\u{80}", "1.5.3", "0.", "00.5", "-.5",
    ])
    func namedCases(_ text: String) { Self.check(text) }

    @Test func randomNumbers() {
        var generator = SplitMix64(seed: 3)
        let alphabet = Array("0123456789012345678901234567890123456789.-eE+,".utf8)
        for _ in 0..<100_000 {
            let count = Int(generator.next() % 26)
            let text = String(decoding: (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }, as: UTF8.self)
            Self.check(text)
            // Mostly well-formed ones too: digits, maybe a fraction, then a separator.
            let whole = generator.next() % 3 == 0 ? "0" : String(generator.next() % 1_000_000_000_000_000_000)
            let fraction = generator.next() % 2 == 0 ? "" : "." + String(repeating: "0", count: Int(generator.next() % 8)) + String(generator.next() % 100_000_000)
            Self.check((generator.next() % 4 == 0 ? "-" : "") + whole + fraction + ", ")
        }
    }
}
