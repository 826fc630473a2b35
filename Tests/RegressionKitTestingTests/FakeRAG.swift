import RegressionKitTesting

/// A small fake retrieval-augmented pipeline: deterministic, so a re-run records the same outcomes.
struct FakeRAG {
    enum Failure: RecordableError {
        case noResults
        var recordedErrorType: String { "no_results" }
    }

    /// Every n-th query's answer cites no source.
    var citationFailsEvery = 10
    /// Every n-th query finds no documents.
    var retrievalFailsEvery = 25

    /// The evaluation set: 100 questions.
    static let queries = (1...100).map { "question \($0)" }

    /// Answers `query` (the `index`-th), recording each step into the current run.
    func answer(_ query: String, index: Int) async throws -> String {
        let run = PipelineRun.current!
        let docs = try await run.step("retrieval") { () async throws -> [String] in
            if index % retrievalFailsEvery == retrievalFailsEvery - 1 { throw Failure.noResults }
            return ["doc \(index)", "doc \(index + 1)"]
        }
        let answer = await run.step("generation") { () async -> String in
            index % citationFailsEvery == 0 ? "An answer." : "An answer [\(docs[0])]."
        }
        run.record("citation", success: answer.contains("["), errorType: "no_citation")
        return answer
    }

    /// Runs every query through the pipeline under `recorder`.
    func evaluate(into recorder: Recorder) async {
        for (index, query) in Self.queries.enumerated() {
            _ = try? await recorder.run(input: query) { _ in try await answer(query, index: index) }
        }
    }
}
