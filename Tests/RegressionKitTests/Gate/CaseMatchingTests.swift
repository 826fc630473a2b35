import Testing
@testable import RegressionKit

/// Cases are matched as `Dictionary` matches `String` keys, whatever their bytes: the same text
/// in another Unicode normalization is the same case.
@Suite("Case matching")
struct CaseMatchingTests {
    static func outcome(_ runs: Int) -> CaseOutcome { CaseOutcome(runs: runs, failures: 0) }

    /// What `forEachCommon` finds, against a lookup of each key in the other dictionary.
    static func expectSameAsLookups(_ first: [String: CaseOutcome], _ second: [String: CaseOutcome],
                                    sourceLocation: SourceLocation = #_sourceLocation) {
        var found: [String: (CaseOutcome, CaseOutcome)] = [:]
        CaseMatching.forEachCommon(first, second) { key, a, b in
            #expect(found[key] == nil, "\(key) twice", sourceLocation: sourceLocation)
            found[key] = (a, b)
        }
        let expected = first.filter { second[$0.key] != nil }
        #expect(Set(found.keys) == Set(expected.keys), sourceLocation: sourceLocation)
        for (key, pair) in found {
            #expect(pair.0 == first[key] && pair.1 == second[key], "\(key)", sourceLocation: sourceLocation)
        }
    }

    @Test func sameBytesOtherNormalizationsAndMissingKeys() {
        let first: [String: CaseOutcome] = [
            "caf\u{E9}": Self.outcome(1),            // é precomposed ...
            "na\u{EF}ve": Self.outcome(2),           // ï, the same bytes on both sides
            "\u{212A}elvin": Self.outcome(3),        // the Kelvin sign, canonically a K
            "only here": Self.outcome(4),
            "Sorgu 7: şirket politikası nedir? 日本語の質問 7": Self.outcome(5),
            "a short one": Self.outcome(6),
        ]
        let second: [String: CaseOutcome] = [
            "cafe\u{301}": Self.outcome(10),         // ... and decomposed: the same case
            "na\u{EF}ve": Self.outcome(20),
            "Kelvin": Self.outcome(30),
            "only there": Self.outcome(40),
            "Sorgu 7: şirket politikası nedir? 日本語の質問 7": Self.outcome(50),
            "a short one": Self.outcome(60),
        ]
        var pairs: [String: Int] = [:]
        CaseMatching.forEachCommon(first, second) { key, a, b in pairs[key] = a.runs * 100 + b.runs }
        #expect(pairs == ["café": 110, "naïve": 220, "Kelvin": 330, "Sorgu 7: şirket politikası nedir? 日本語の質問 7": 550,
                          "a short one": 660])
        Self.expectSameAsLookups(first, second)
        Self.expectSameAsLookups(second, first)
        Self.expectSameAsLookups(first, [:])
        Self.expectSameAsLookups([:], second)
    }

    @Test func manyKeysLongAndShort() {
        var first: [String: CaseOutcome] = [:], second: [String: CaseOutcome] = [:]
        for i in 0..<3000 {
            let key = i % 3 == 0 ? "q\(i)" : "Sorgu \(i): şirket politikası nedir? 日本語の質問 — «\(i)»"
            if i % 5 != 0 { first[key] = Self.outcome(i + 1) }
            if i % 7 != 0 { second[i % 11 == 0 ? key.decomposedStringWithCanonicalMapping : key] = Self.outcome(i + 2) }
        }
        Self.expectSameAsLookups(first, second)
        Self.expectSameAsLookups(second, first)
    }
}
