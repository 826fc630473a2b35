/// What a `check` found: the gate's decision with the context of its inputs (where the baseline
/// and the logs came from), as values; `GateCheck.run` returns it. `text()` and `jsonText()` print
/// it; `regress-gate check --format` also writes Markdown, JUnit, HTML or annotations.
public struct GateReport: Sendable, Equatable {
    /// The decision.
    public var result: GateResult
    /// The baseline file's path as given.
    public var baselinePath: String
    /// What reading the candidate's logs saw (files, records, bad lines).
    public var input: LogReadSummary
    /// The candidate's step failure rate per day of its logs (the HTML report charts it).
    var daily: DailyFailureRates
    /// The candidate's failed runs by first failed step and error type.
    var firstFailures: FirstFailureTally
    /// A model's explanation of the verdict, when one was asked for: shown after it, deciding nothing.
    package var llm: LLMExplanation?

    /// Creates a report of `result`.
    init(result: GateResult, baselinePath: String, input: LogReadSummary,
                daily: DailyFailureRates = DailyFailureRates(), firstFailures: FirstFailureTally = FirstFailureTally()) {
        self.result = result
        self.baselinePath = baselinePath
        self.input = input
        self.daily = daily
        self.firstFailures = firstFailures
    }
}
