import Foundation
import Testing
@testable import RegressionKit

/// Attributes in the layout every encoder writes (`{"key":"K","value":V}`) are read by a short
/// path; every input, in that layout or not, valid or not, must read as the general reader reads it.
struct OTLPJSONLayoutTests {
    /// What `attributes` (short path first) and the general `keyValue` alone make of `text`, a
    /// JSON array of `KeyValue`s: the attributes kept and where the scanner ended, or the error.
    func bothReadings(_ text: [UInt8], filter: AttributeKeyFilter?) -> (String, String) {
        text.withUnsafeBufferPointer { bytes in
            func describe(_ read: (inout JSONScanner) throws(JSONSyntaxError) -> [OTLPAttribute]) -> String {
                var s = JSONScanner(bytes)
                do throws(JSONSyntaxError) {
                    let attributes = try read(&s)
                    return "\(attributes) end \(s.index)"
                } catch {
                    return "error at \(error.offset): \(error.message)"
                }
            }
            let short = describe { (s) throws(JSONSyntaxError) in try OTLPJSONDecoder.attributes(&s, depth: 6, filter) }
            let general = describe { (s) throws(JSONSyntaxError) in
                var out: [OTLPAttribute] = []
                try OTLPJSONDecoder.each(&s) { (s) throws(JSONSyntaxError) in
                    if let attribute = try OTLPJSONDecoder.keyValue(&s, depth: 7, filter) { out.append(attribute) }
                }
                return out
            }
            return (short, general)
        }
    }

    static let samples = [
        #"[{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o-mini"}},{"key":"x.y","value":{"intValue":"12"}}]"#,
        #"[{"key":"session.id","value":{"stringValue":"case-1"}},{"key":"llm.invocation_parameters","value":{"kvlistValue":{"values":[{"key":"max_tokens","value":{"intValue":"512"}}]}}}]"#,
        #"[{"key": "session.id", "value": {"stringValue": "spaced"}}, {"value":{"stringValue":"first"},"key":"input.value"}]"#,
        #"[{"key":"input.value","value":{"stringValue":"q"},"extra":1},{"key":"in\u0070ut.value","value":{"stringValue":"escaped key"}}]"#,
        #"[{"key":"gen_ai.usage.input_tokens","value":{"intValue":17}},{"key":"a","value":{"arrayValue":{"values":[{"boolValue":true},{"doubleValue":"NaN"}]}}},{"key":"b","value":{"bytesValue":"AAE="}}]"#,
        #"[{"key":"metadata","value":{"stringValue":"{\"case_id\": \"c\"}"}},{"key":"llm.token_count.total","value":null},{"key":"error.type","value":{}}]"#,
    ]

    @Test(arguments: samples)
    func bothReadersReadTheSamplesAlike(text: String) {
        for filter in [AttributeKeyFilter.of(.default), nil] {
            let (short, general) = bothReadings(Array(text.utf8), filter: filter)
            #expect(short == general)
            #expect(!short.hasPrefix("error"), "\(short)")
        }
    }

    /// Every sample with one byte changed, dropped or doubled, wherever: the short path must fail
    /// where and as the general reader fails, or read the same attributes.
    @Test func bothReadersAgreeOnEveryDamagedSample() {
        var rng = SystemRandomNumberGenerator()
        let replacements = Array(#"{}[]:,"\ 0a\#u{00}é"#.utf8)
        var errors = 0
        for text in Self.samples.map({ Array($0.utf8) }) {
            for at in text.indices {
                var damaged = text
                switch Int.random(in: 0...2, using: &rng) {
                case 0: damaged[at] = replacements.randomElement(using: &rng)!
                case 1: damaged.remove(at: at)
                default: damaged.insert(damaged[at], at: at)
                }
                for filter in [AttributeKeyFilter.of(.default), nil] {
                    let (short, general) = bothReadings(damaged, filter: filter)
                    #expect(short == general, "\(String(decoding: damaged, as: UTF8.self))")
                    if short.hasPrefix("error") { errors += 1 }
                }
            }
        }
        #expect(errors > 100)   // the damage does reach the error paths
    }

    /// Values nested to around the depth limit fail at the same depth on both paths, kept or skipped.
    @Test func bothReadersStopAtTheSameDepth() {
        for levels in 1...(JSONScanner.maxDepth / 2 + 2) {
            let value = String(repeating: #"{"arrayValue":{"values":["#, count: levels) + #"{"intValue":"1"}"# + String(repeating: "]}}", count: levels)
            let text = #"[{"key":"x.nested","value":"# + value + "}]"
            for filter in [AttributeKeyFilter.of(.default), nil] {
                let (short, general) = bothReadings(Array(text.utf8), filter: filter)
                #expect(short == general, "\(levels) levels")
            }
        }
    }
}
