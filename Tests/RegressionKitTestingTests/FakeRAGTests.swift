import RegressionKitTesting
import Testing

/// The Swift Testing example of the README and `RegressionKit.docc/SwiftTests.md`: record the
/// pipeline, expect no regression against `baselines/fake-rag.json` (committed; re-record with
/// REGRESSION_RECORD=failed).
@Suite struct FakeRAGTests {
    @Test func ragPipelineDoesNotRegress() async {
        let recorder = Recorder(version: "fake-rag")
        await FakeRAG().evaluate(into: recorder)
        let verdict = expectNoRegression(recorder, baseline: "fake-rag")
        #expect(verdict == .pass)
    }
}
