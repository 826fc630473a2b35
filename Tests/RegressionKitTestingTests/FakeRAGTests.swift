import RegressionKitTesting
import Testing

/// The README's Swift Testing example: record the pipeline, expect no regression against
/// `baselines/fake-rag.json` (committed; re-record with REGRESSION_RECORD=failed).
@Suite struct FakeRAGTests {
    @Test func ragPipelineDoesNotRegress() async {
        let recorder = Recorder(version: "fake-rag")
        await FakeRAG().evaluate(into: recorder)
        let verdict = expectNoRegression(recorder, baseline: "fake-rag")
        #expect(verdict == .pass)
    }
}
