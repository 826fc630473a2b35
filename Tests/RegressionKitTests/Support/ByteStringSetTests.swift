import Foundation
import Testing
@testable import RegressionKit

/// Member and attribute names are matched by `ByteStringSet`: for every set and every candidate,
/// it must find exactly the string a plain comparison finds.
struct ByteStringSetTests {
    func lookUp(_ set: ByteStringSet, _ candidate: String) -> Int? {
        Array(candidate.utf8).withUnsafeBufferPointer { set.value(of: $0) }
    }

    @Test func everyStringIsFoundAndNothingElseIs() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("ab._-0é")
        for _ in 0..<300 {
            // Strings of every length around the 8- and 16-byte words, many alike but for one byte.
            let base = String((0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            var strings = [base]
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                var chars = Array(strings.randomElement(using: &rng)!)
                switch Int.random(in: 0...2, using: &rng) {
                case 0 where !chars.isEmpty: chars[Int.random(in: chars.indices, using: &rng)] = alphabet.randomElement(using: &rng)!
                case 1: chars.insert(alphabet.randomElement(using: &rng)!, at: Int.random(in: 0...chars.count, using: &rng))
                default: if !chars.isEmpty { chars.removeLast() }
                }
                if !strings.contains(String(chars)) { strings.append(String(chars)) }
            }
            let set = ByteStringSet(strings)
            for (i, s) in strings.enumerated() { #expect(lookUp(set, s) == i, "\(strings) \(s)") }
            for _ in 0..<20 {
                var chars = Array(strings.randomElement(using: &rng)!)
                if !chars.isEmpty { chars[Int.random(in: chars.indices, using: &rng)] = alphabet.randomElement(using: &rng)! }
                let candidate = String(chars)
                #expect(lookUp(set, candidate) == strings.firstIndex(of: candidate), "\(strings) \(candidate)")
            }
        }
    }

    @Test func aStringDifferingOnlyInItsMiddleIsNotFound() {
        let key = "traceloop.association.properties.prompt_version"
        let set = ByteStringSet([key, "gen_ai.usage.input_tokens"])
        #expect(lookUp(set, key) == 0)
        #expect(lookUp(set, key.replacingOccurrences(of: "properties", with: "propertiez")) == nil)
        #expect(lookUp(set, "") == nil && lookUp(set, String(repeating: "x", count: 200)) == nil)
        #expect(lookUp(ByteStringSet([(key, 7)]), key) == 7)
    }
}
