/// An error that names its own `error_type` in the log, instead of its Swift type name.
///
/// ```swift
/// enum SearchError: RecordableError {
///     case timeout, noResults
///     var recordedErrorType: String { self == .timeout ? "timeout" : "no_results" }
/// }
/// ```
public protocol RecordableError: Error {
    /// The `error_type` written when this error fails a step, e.g. `timeout` or `429`.
    var recordedErrorType: String { get }
}

/// One pipeline run of a `Recorder`: its steps share a run id.
///
/// Get one from `Recorder.run`, or, in code that `run` calls, from `PipelineRun.current`
/// (a task-local), so nested functions record into the run without it being passed by hand:
/// ```swift
/// func rerank(_ docs: [Doc]) throws -> [Doc] {
///     try PipelineRun.current?.step("reranking") { try model.rerank(docs) } ?? model.rerank(docs)
/// }
/// ```
public struct PipelineRun: Sendable {
    /// The run in progress in this task, set by `Recorder.run` for the duration of its body.
    @TaskLocal public static var current: PipelineRun?

    /// The cut of `input_summary` and `output_summary`, in characters (Unicode scalars, as Python counts).
    static let summaryLimit = 200

    let recorder: Recorder
    /// The run id shared by this run's records.
    public let id: String
    /// The run's input, as written to `input_summary` (cut at 200 characters).
    public let input: String
    /// The explicit test case, written as `case_id`, or nil.
    public let caseID: String?

    init(recorder: Recorder, id: String, input: String?, caseID: String?) {
        self.recorder = recorder
        self.id = id
        self.input = Self.summary(input ?? "")
        self.caseID = caseID
    }

    /// Runs `body` as the step `name`: times it, records it, and returns its value.
    ///
    /// A thrown error marks the step failed, with the error's type name as `error_type`
    /// (or its `recordedErrorType` when it is a `RecordableError`) and its description as
    /// `output_summary`, and is rethrown. A `String` result is written as `output_summary`.
    @discardableResult
    public func step<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        do {
            let value = try body()
            finish(name, start: start, value: value)
            return value
        } catch {
            fail(name, start: start, error: error)
            throw error
        }
    }

    /// Runs the asynchronous `body` as the step `name`; see `step(_:_:)`.
    @discardableResult
    public func step<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
        let start = ContinuousClock.now
        do {
            let value = try await body()
            finish(name, start: start, value: value)
            return value
        } catch {
            fail(name, start: start, error: error)
            throw error
        }
    }

    /// Records a step that does not throw: a check whose outcome you decide.
    ///
    /// ```swift
    /// run.record("citation", success: answer.citesSources, errorType: "no_citation")
    /// ```
    /// - Parameters:
    ///   - name: the step's name, written as `step_name`.
    ///   - success: whether the step succeeded.
    ///   - errorType: written only when the step failed (`null` on success, as failure-forensics does).
    ///   - latencyMS: the step's duration in ms, if it has one (`null` otherwise); a negative or
    ///     non-finite value is written as `null`.
    ///   - tokenCount: tokens the step used (0 when unknown).
    ///   - output: written as `output_summary` (cut at 200 characters).
    public func record(_ name: String, success: Bool, errorType: String? = nil, latencyMS: Double? = nil,
                       tokenCount: Int = 0, output: String? = nil) {
        precondition(!name.isEmpty, "PipelineRun.record: the step name must not be empty")
        let latency = latencyMS.flatMap { $0.isFinite && $0 >= 0 ? PythonFloat.roundedToHundredths($0) : nil }
        recorder.add(StepRecord(
            runID: id, stepName: name, success: success, promptVersion: recorder.version,
            errorType: success ? nil : errorType, latencyMS: latency, tokenCount: tokenCount,
            inputSummary: input, outputSummary: Self.summary(output ?? ""),
            timestamp: LogTimestamp.now(), modelName: recorder.model, caseID: caseID))
    }

    private func finish<T>(_ name: String, start: ContinuousClock.Instant, value: T) {
        record(name, success: true, latencyMS: Self.milliseconds(since: start), output: value as? String)
    }

    private func fail(_ name: String, start: ContinuousClock.Instant, error: any Error) {
        let type = (error as? any RecordableError)?.recordedErrorType ?? String(describing: Swift.type(of: error))
        record(name, success: false, errorType: type, latencyMS: Self.milliseconds(since: start),
               output: String(describing: error))
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        let parts = elapsed.components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }

    /// The first `summaryLimit` Unicode scalars, as Python's `text[:200]` cuts.
    static func summary(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > summaryLimit else { return text }
        var cut = String.UnicodeScalarView()
        cut.append(contentsOf: scalars.prefix(summaryLimit))
        return String(cut)
    }
}
