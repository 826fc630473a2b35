import Foundation
import Testing
@testable import RegressionKit

/// Every input in fuzz/regressions (hand-made hostile inputs, and whatever scripts/fuzz ever
/// finds) goes through the parsers the fuzzers target: each is rejected with an error value or
/// accepted, never a trap (a trap would crash this test process).
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let directory = packageRoot.appendingPathComponent("fuzz/regressions")
    static let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()

    @Test func theCorpusIsThere() { #expect(Self.files.count >= 9) }

    @Test(arguments: files)
    func replaysWithoutATrap(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.directory.appendingPathComponent(name)))
        let line = Result { try LogLineParser.parse(bytes) }
        let baseline = Result { try BaselineSnapshot(jsonBytes: bytes, path: name) }
        let policy = Result { try GatePolicy.parse(bytes, path: name) }
        if case .success(let snapshot) = baseline {
            _ = Gate.evaluate(baseline: snapshot.stats, candidate: snapshot.stats)
        }
        // The hand-made ones are all invalid somewhere: none may be accepted by every reader.
        let accepted = [line.isSuccess, baseline.isSuccess, policy.isSuccess]
        #expect(!accepted.allSatisfy { $0 })
        if name == "escaped-keys.jsonl" {   // escaped key names are still the keys they spell
            let record = try line.get()
            #expect(record.runID == "r" && record.success == false && record.errorType == "\u{0}")
        }
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { return true } else { return false } }
}
