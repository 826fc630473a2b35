import Foundation
import Testing
@testable import RegressionKit

struct CaseSetFingerprintTests {
    /// FIPS 180-2, appendix B (the same vectors in FIPS 180-4's examples): one block, two blocks,
    /// a million "a"s, and the empty message.
    @Test(arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ])
    func theDigestMatchesTheStandardsVectors(message: String, digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }

    /// 55 and 56 bytes: the length no longer fits in the block its padding starts in.
    @Test func messagesAroundTheBlockBoundaryDiffer() {
        let a = SHA256.hex(Array(repeating: 0x61, count: 55)), b = SHA256.hex(Array(repeating: 0x61, count: 56))
        #expect(a == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(b == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }

    @Test func theCaseSetFingerprintIgnoresOrder() {
        #expect(EvalProvenance.fingerprint(["b", "a", "ğ"]) == EvalProvenance.fingerprint(["ğ", "a", "b"]))
        #expect(EvalProvenance.fingerprint(["a", "b"]) == SHA256.hex(Array("a\u{0}b\u{0}".utf8)))
        #expect(EvalProvenance.fingerprint(["ab"]) != EvalProvenance.fingerprint(["a", "b"]))
    }
}

struct QuarantineTests {
    /// Subtracting a case's tallies gives what a read without its runs gives, for every figure the
    /// statistical policy tests.
    @Test func leavingOutACaseEqualsNeverReadingItsRuns() {
        let all = records(version: "v1", runs: 40, failing: 6)
        let without = all.filter { $0.inputSummary != "case 3" && $0.inputSummary != "case 30" }
        let subtracted = stats(all, "v1").leavingOut(["case 3", "case 30", "no such case"])
        let read = stats(without, "v1")
        #expect(subtracted.runs == read.runs && subtracted.failedRuns == read.failedRuns && subtracted.cases == read.cases)
        for name in read.stepOrder {
            #expect(subtracted.steps[name]!.runs == read.steps[name]!.runs)
            #expect(subtracted.steps[name]!.failedRuns == read.steps[name]!.failedRuns)
            #expect(subtracted.steps[name]!.cases == read.steps[name]!.cases)
        }
    }

    @Test func aPolicyFileReadsTheCaseRulesAndTheFindingsListMustPassFirst() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).json").path
        try #"""
        {"policy": "statistical", "must_pass": ["case 4", "case 2"],
         "quarantine": [{"case": "case 2", "until": "2027-01-31", "reason": "known"}],
         "prices": {"m": {"per_1k_tokens": 0.5}}, "token_tolerance": 0.2}
        """#.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let policy = try GatePolicy(contentsOfFile: path)
        #expect(policy.caseRules.quarantine.entries == [QuarantineEntry(caseKey: "case 2", until: LogDay("2027-01-31")!, reason: "known")])
        #expect(policy.caseRules.pricesPer1kTokens == ["m": 0.5] && policy.caseRules.tokenTolerance == 0.2)
        let result = Gate.evaluate(baseline: stats(records(version: "v1", runs: 40, failing: 0), "v1"),
                                   candidate: stats(records(version: "v2", runs: 40, failing: 5), "v2"), policy: policy)
        #expect(result.verdict == .regressionDetected)
        #expect(result.mustPass?.failed.map(\.caseKey) == ["case 4"])   // case 2 is quarantined: no day in these records
        #expect(result.findings.first == "must-pass case \"case 4\": 1 of 1 run failed: REGRESSION_DETECTED")
        #expect(result.findings.contains("quarantined, left out of every test: \"case 2\" until 2027-01-31"))
        #expect(result.quarantined == [QuarantinedCase(caseKey: "case 2", until: "2027-01-31", reason: "known", expired: false, candidateRuns: 1, candidateFailedRuns: 1)])
        // Judged after its day, the quarantine is over and case 2 counts again.
        let later = Gate.evaluate(baseline: stats(records(version: "v1", runs: 40, failing: 0), "v1"),
                                  candidate: stats(records(version: "v2", runs: 40, failing: 5), "v2"), policy: policy.judged(asOf: LogDay("2027-02-01")!))
        #expect(later.mustPass?.failed.map(\.caseKey) == ["case 4", "case 2"])
        #expect(later.quarantined.first?.expired == true)
    }
}

struct TokenTallyTests {
    /// Records with token counts (0 is unknown) and several models, more models than the
    /// accumulator first makes room for.
    func records() -> [StepRecord] {
        (0..<120).flatMap { r in
            ["retrieval", "generation"].map { step in
                StepRecord(runID: "r\(r)", stepName: step, success: r % 9 != 0, promptVersion: "v1",
                           latencyMS: 100, tokenCount: step == "retrieval" ? 0 : 50 + r % 17 + (r % 5 == 0 ? 5000 : 0),
                           inputSummary: "case \(r % 40)", modelName: r % 4 == 3 ? nil : "model-\(r % 5) with a long name")
            }
        }
    }

    @Test func tokensAndModelsAreTalliedPerStepAndMergeAsTheWholeRead() {
        let all = records()
        let whole = stats(all, "v1")
        let generation = whole.steps["generation"]!
        #expect(generation.tokens.count == 120 && whole.steps["retrieval"]!.tokens.count == 0)
        #expect(generation.models.count == 5)
        let expected = all.filter { $0.stepName == "generation" && $0.modelName == "model-1 with a long name" }
        #expect(generation.models["model-1 with a long name"] == ModelUse(records: expected.count, tokens: expected.reduce(0) { $0 + $1.tokenCount! }))
        for cut in [1, 77, 160] {
            var first = StatsAccumulator(), second = StatsAccumulator()
            all[..<cut].forEach { first.add($0) }
            all[cut...].forEach { second.add($0) }
            first.merge(second)
            #expect(first.stats(for: "v1") == whole, "cut at \(cut)")
        }
    }

    /// A whole number is binned by table as `add(_:)` bins it by logarithm.
    @Test func integersAreBinnedAsTheLogarithmBinsThem() {
        var byTable = DDSketch(), byLog = DDSketch()
        for n in [1, 2, 3, 17, 100, 999, 4095, 4096, 123_456] {
            byTable.add(integer: n)
            byLog.add(Double(n))
        }
        #expect(byTable == byLog)
    }
}
