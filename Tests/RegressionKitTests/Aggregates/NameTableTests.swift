import Foundation
import Testing
@testable import RegressionKit

/// Versions, steps and models are found in a scanned line by `NameTable`: for every table and every
/// name, short or long, it must find exactly the name a plain comparison finds.
struct NameTableTests {
    @Test func everyNameIsFoundAndNothingElseIs() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("ab-.0é")
        for _ in 0..<200 {
            // Names around the 8-, 15- and 16-byte boundaries, many alike but for one byte.
            var names: [String] = []
            for _ in 0..<Int.random(in: 1...10, using: &rng) {
                var chars = names.randomElement(using: &rng).map(Array.init)
                    ?? (0..<Int.random(in: 1...30, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
                chars[Int.random(in: chars.indices, using: &rng)] = alphabet.randomElement(using: &rng)!
                if Bool.random(using: &rng) { chars.append(alphabet.randomElement(using: &rng)!) }
                if !names.contains(String(chars)) { names.append(String(chars)) }
            }
            var table = NameTable()
            for name in names { _ = table.index(of: Array(name.utf8)) }
            for _ in 0..<40 {
                var chars = Array(names.randomElement(using: &rng)!)
                if Bool.random(using: &rng) { chars[Int.random(in: chars.indices, using: &rng)] = alphabet.randomElement(using: &rng)! }
                let candidate = Array(String(chars).utf8)
                let found = candidate.withUnsafeBufferPointer { line in
                    table.index(of: RawString(start: 0, end: line.count), in: RawStepRecord(line: line))
                }
                #expect(found == names.firstIndex(of: String(chars)), "\(names) \(String(chars))")
            }
        }
    }
}
