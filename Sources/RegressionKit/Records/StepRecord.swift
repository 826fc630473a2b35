/// One step of one pipeline run: a line of a failure-forensics JSONL log.
///
/// The schema is failure-forensics', byte for byte:
/// ```json
/// {"timestamp": "2026-06-04T05:50:00+00:00", "run_id": "a1b2c3d4", "step_name": "retrieval",
///  "input_summary": "...", "output_summary": "...", "latency_ms": 412.5, "token_count": 0,
///  "success": false, "error_type": "timeout", "prompt_version": "v2", "model_name": "gemini-flash-latest"}
/// ```
/// `run_id`, `step_name`, `success` and `prompt_version` are required; the other keys
/// are optional and may be `null`. An optional `case_id` names the test case a run
/// exercised (otherwise `input_summary` does). Unknown keys are ignored.
public struct StepRecord: Sendable, Equatable, Hashable {
    /// ISO 8601 time the step was logged, as written (e.g. `2026-06-04T05:50:00+00:00`).
    public var timestamp: String?
    /// The pipeline run this step belongs to; all steps of a run share it.
    public var runID: String
    /// The step's name: `retrieval`, `reranking`, `generation`, `citation`, or any other.
    public var stepName: String
    /// The step's input, usually the user query (failure-forensics cuts it at 200 characters).
    public var inputSummary: String?
    /// The step's output or error text.
    public var outputSummary: String?
    /// How long the step took, in milliseconds.
    public var latencyMS: Double?
    /// Tokens the step used (0 when unknown).
    public var tokenCount: Int?
    /// Whether the step succeeded.
    public var success: Bool
    /// Why the step failed (`timeout`, `429`, `no_citation`, ...); `nil` or empty on success.
    public var errorType: String?
    /// The prompt or pipeline version under test: `v1`, `prompt_v2`, ...
    public var promptVersion: String
    /// The model that served the step.
    public var modelName: String?
    /// An explicit test-case key; when absent the case is `inputSummary`.
    public var caseID: String?

    /// Creates a record; only the four required keys have no default.
    public init(
        runID: String, stepName: String, success: Bool, promptVersion: String,
        errorType: String? = nil, latencyMS: Double? = nil, tokenCount: Int? = nil,
        inputSummary: String? = nil, outputSummary: String? = nil,
        timestamp: String? = nil, modelName: String? = nil, caseID: String? = nil
    ) {
        self.timestamp = timestamp
        self.runID = runID
        self.stepName = stepName
        self.inputSummary = inputSummary
        self.outputSummary = outputSummary
        self.latencyMS = latencyMS
        self.tokenCount = tokenCount
        self.success = success
        self.errorType = errorType
        self.promptVersion = promptVersion
        self.modelName = modelName
        self.caseID = caseID
    }

    /// The key that identifies the test case this step's run exercised: `case_id`, else `input_summary`.
    var caseKey: String? {
        if let caseID, !caseID.isEmpty { return caseID }
        if let inputSummary, !inputSummary.isEmpty { return inputSummary }
        return nil
    }

    /// The error type with failure-forensics' "no error" spellings (`null`, `""`) folded to `nil`.
    var normalizedErrorType: String? {
        guard let errorType, !errorType.isEmpty else { return nil }
        return errorType
    }
}
