import RegressionKitTesting
import XCTest

/// The XCTest example of `RegressionKit.docc/SwiftTests.md`: the same pipeline against
/// `baselines/fake-rag-xctest.json`.
final class FakeRAGXCTests: XCTestCase {
    func testRAGPipelineDoesNotRegress() async {
        let recorder = Recorder(version: "fake-rag")
        await FakeRAG().evaluate(into: recorder)
        let verdict = expectNoRegression(recorder, baseline: "fake-rag-xctest")
        XCTAssertEqual(verdict, .pass)
    }
}
