import Testing
@testable import RegressionKit

/// Numbers in a baseline or policy file: any JSON number a double can hold is read as written;
/// one out of a double's range (an exponent too large, 309 digits and more) is refused.
@Suite("JSON numbers in documents")
struct JSONValueNumberTests {
    static func parse(_ text: String) -> Result<JSONValue, JSONParseError> {
        Result { () throws(JSONParseError) in try JSONValue.parse(Array(text.utf8)) }
    }

    @Test(arguments: ["0", "-0", "7", "1250", "-3", "412.57", "1e3", "1.5E-7", "1e308",
                      String(repeating: "9", count: 308), "-" + String(repeating: "9", count: 308),
                      "[1, 2, {\"runs\": 20}]"])
    func inRange(_ text: String) throws {
        let value = try Self.parse(text).get()
        if case .number(let written) = value { #expect(written == text) }
    }

    @Test(arguments: ["1e400", "-1e309", String(repeating: "9", count: 309), "1" + String(repeating: "0", count: 400),
                      "[1, 1e999]", "{\"runs\": " + String(repeating: "7", count: 320) + "}"])
    func outOfRange(_ text: String) {
        guard case .failure(let error) = Self.parse(text) else {
            Issue.record("\(text.prefix(20))... was accepted")
            return
        }
        #expect(error.message.contains("number out of range"))
    }
}
