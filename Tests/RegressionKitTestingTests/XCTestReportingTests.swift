import Foundation
import RegressionKitTesting
import XCTest

/// Under XCTest, `expectNoRegression` fails through `XCTFail` at its call: these tests catch the
/// failures instead of failing, and check them.
final class XCTestReportingTests: XCTestCase {
    private var capturing = false
    private var caught: [(message: String, line: Int)] = []

    #if canImport(Darwin)
    override func record(_ issue: XCTIssue) {
        guard capturing else { return super.record(issue) }
        caught.append((issue.compactDescription, issue.sourceCodeContext.location?.lineNumber ?? 0))
    }
    #else
    override func recordFailure(withDescription description: String, inFile filePath: String, atLine lineNumber: Int, expected: Bool) {
        guard capturing else { return super.recordFailure(withDescription: description, inFile: filePath, atLine: lineNumber, expected: expected) }
        caught.append((description, lineNumber))
    }
    #endif

    private func catching(_ body: () -> Void) -> [(message: String, line: Int)] {
        capturing = true
        caught = []
        body()
        capturing = false
        return caught
    }

    func testARecordingAndARegressionAreXCTestFailuresAtTheCall() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xctest-\(UUID().uuidString)").path
        let path = directory + "/rag.json"
        let recorder = Recorder(version: "fake-rag")
        await FakeRAG().evaluate(into: recorder)
        let worse = Recorder(version: "fake-rag")
        await FakeRAG(citationFailsEvery: 2).evaluate(into: worse)

        var line = #line + 2
        let recorded = catching {
            _ = withRegressionBaselines(record: .missing, directory: directory) { expectNoRegression(recorder, baseline: "rag") }
        }
        XCTAssertEqual(recorded.map(\.line), [line])
        XCTAssertTrue(recorded.first?.message.contains("Recorded \(path): there was no baseline yet (record mode missing: set by withRegressionBaselines or .regressionBaselines).") == true,
                      recorded.first?.message ?? "no failure")
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))

        var verdict: Verdict?
        line = #line + 2
        let regressed = catching {
            verdict = withRegressionBaselines(record: .never, directory: directory) { expectNoRegression(worse, baseline: "rag") }
        }
        XCTAssertEqual(verdict, .regressionDetected)
        XCTAssertEqual(regressed.map(\.line), [line])
        let message = regressed.first?.message ?? ""
        XCTAssertTrue(message.contains("REGRESSION_DETECTED: fake-rag vs baseline fake-rag in \(path) (policy: statistical)"), message)
        XCTAssertTrue(message.contains("citation: 10.4 % → 50.0 % of runs failed"), message)
        XCTAssertTrue(message.contains("REGRESSION_RECORD=failed swift test --filter testARecordingAndARegressionAreXCTestFailuresAtTheCall"), message)
    }
}
