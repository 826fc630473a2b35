/// Records what a pipeline did, step by step: failure-forensics' `@trace`, done the Swift way.
///
/// ```swift
/// let recorder = Recorder(version: "rag-v2", model: "gemini-flash-latest")
/// for query in evalQueries {
///     try? await recorder.run(input: query) { run in
///         let docs = try await run.step("retrieval") { try await search(query) }
///         let answer = try await run.step("generation") { try await generate(query, docs) }
///         run.record("citation", success: answer.citesSources, errorType: "no_citation")
///     }
/// }
/// recorder.records   // one StepRecord per step, in the order they finished
/// ```
/// Each `run` is one pipeline run with a fresh run id; its steps are timed and a thrown error
/// marks a step failed (see `PipelineRun`). Records stay in memory and, with
/// `init(version:model:appendingTo:)`, are also appended to a JSONL log in failure-forensics'
/// format that `regress-gate` and failure-forensics both read, or, with `format: .otlpJSON`, as
/// OpenTelemetry traces (one OTLP/JSON line per run) that Jaeger or Phoenix open and the gate
/// reads as the same steps. Any number of tasks and threads may record at once, and any number
/// of processes may append to the same file: lines never interleave and none is lost.
public final class Recorder: Sendable {
    /// How a recorder writes its log file.
    public enum LogFormat: Sendable {
        /// One failure-forensics JSONL line per step, written as the step finishes.
        case failureForensics
        /// One OTLP/JSON line (an `ExportTraceServiceRequest`) per run, written when the run
        /// ends: a trace per run, a span per step with the GenAI and OpenInference attributes,
        /// status ERROR and `error.type` on a failed step.
        case otlpJSON
    }

    /// The `prompt_version` written on every record, e.g. `v2` or `rag-2026-11`.
    public let version: String
    /// The `model_name` written on every record, or nil (`null`).
    public let model: String?
    /// The JSONL file records are appended to, or nil when they stay in memory only.
    public var logPath: String? { appender?.path }

    private struct State {
        var records: [StepRecord] = []
        var logError: RecordLogError?
        /// OTLP: the runs whose `run` has not returned, and their records so far, by run id.
        var openRuns: [String: [StepRecord]] = [:]
    }

    private let state = Locked(State())
    private let appender: JSONLAppender?
    private let keepsRecords: Bool
    /// Writes runs as traces, for `LogFormat.otlpJSON`.
    private let traceWriter: OTLPRunWriter?

    /// A recorder that keeps its records in memory.
    ///
    /// - Parameters:
    ///   - version: the version under test; must not be empty.
    ///   - model: the model that serves the pipeline, written as `model_name`.
    public init(version: String, model: String? = nil) {
        precondition(!version.isEmpty, "Recorder(version:): the version must not be empty")
        self.version = version
        self.model = model
        self.appender = nil
        self.keepsRecords = true
        self.traceWriter = nil
    }

    /// A recorder that also appends every record to the JSONL file at `path` (created, with its
    /// directories, when missing).
    ///
    /// - Parameters:
    ///   - version: the version under test; must not be empty.
    ///   - model: the model that serves the pipeline, written as `model_name`.
    ///   - path: the JSONL file every record is appended to.
    ///   - keepsRecords: false for a long-lived process that only needs the file:
    ///     `records` then stays empty and memory does not grow.
    ///   - format: `.failureForensics` (one line per step), or `.otlpJSON` (one trace per run,
    ///     written when its `run` returns or throws).
    /// - Throws: `RecordLogError` when the file cannot be opened for appending.
    public init(version: String, model: String? = nil, appendingTo path: String, keepsRecords: Bool = true,
                format: LogFormat = .failureForensics) throws(RecordLogError) {
        precondition(!version.isEmpty, "Recorder(version:): the version must not be empty")
        self.version = version
        self.model = model
        self.appender = try JSONLAppender(path: path)
        self.keepsRecords = keepsRecords
        self.traceWriter = format == .otlpJSON ? OTLPRunWriter(salt: UInt64.random(in: .min ... .max)) : nil
    }

    /// Every record so far, in the order the steps finished.
    public var records: [StepRecord] { state.withLock { $0.records } }

    /// The first failure to append to the log file, if any. Recording goes on in memory after
    /// one; `expectNoRegression` reports it as a test failure.
    public var logError: RecordLogError? { state.withLock { $0.logError } }

    /// Runs `body` as one pipeline run with a fresh run id (or `id`), and returns its result.
    ///
    /// - Parameters:
    ///   - input: what the run was asked, written as each step's `input_summary` (cut at 200
    ///     characters, as failure-forensics does); runs with the same input are the same test case.
    ///   - caseID: names the test case explicitly (written as `case_id`), when inputs vary.
    ///   - id: the run id; by default 16 random hex digits.
    ///   - body: the run; inside it, and in anything it calls, `PipelineRun.current` is this run.
    @discardableResult
    public func run<T>(input: String? = nil, caseID: String? = nil, id: String? = nil,
                       _ body: (PipelineRun) throws -> T) rethrows -> T {
        precondition(id?.isEmpty != true, "Recorder.run(id:): a run id must not be empty")
        let run = PipelineRun(recorder: self, id: id ?? Self.newRunID(), input: input, caseID: caseID)
        begin(run.id)
        defer { end(run.id) }
        return try PipelineRun.$current.withValue(run) { try body(run) }
    }

    /// Runs the asynchronous `body` as one pipeline run; see `run(input:caseID:id:_:)`.
    @discardableResult
    public func run<T>(input: String? = nil, caseID: String? = nil, id: String? = nil,
                       _ body: (PipelineRun) async throws -> T) async rethrows -> T {
        precondition(id?.isEmpty != true, "Recorder.run(id:): a run id must not be empty")
        let run = PipelineRun(recorder: self, id: id ?? Self.newRunID(), input: input, caseID: caseID)
        begin(run.id)
        defer { end(run.id) }
        return try await PipelineRun.$current.withValue(run) { try await body(run) }
    }

    /// Stores `record` and appends it to the log, under one lock so that memory and file agree on
    /// order; as a trace, the record waits for its run to end (see `end`).
    func add(_ record: StepRecord) {
        let line = appender == nil || traceWriter != nil ? nil : record.jsonLine
        state.withLock { state in
            if keepsRecords { state.records.append(record) }
            if let traceWriter {
                if state.openRuns[record.runID] != nil {
                    state.openRuns[record.runID]!.append(record)
                } else {
                    // Its run has ended (a handle kept past `run`): written now, it joins its
                    // trace when read (see `OTLPRunWriter`).
                    append(traceWriter.line([record], version: version), &state)
                }
            }
            guard let line else { return }
            append(line, &state)
        }
    }

    /// Opens run `id`: as a trace, its records wait until it ends.
    private func begin(_ id: String) {
        guard traceWriter != nil else { return }
        state.withLock { state in
            if state.openRuns[id] == nil { state.openRuns[id] = [] }
        }
    }

    /// Writes run `id`'s trace, once its `run` has returned or thrown.
    private func end(_ id: String) {
        guard let traceWriter else { return }
        state.withLock { state in
            guard let steps = state.openRuns.removeValue(forKey: id), !steps.isEmpty else { return }
            append(traceWriter.line(steps, version: version), &state)
        }
    }

    private func append(_ line: String, _ state: inout State) {
        guard let appender else { return }
        do throws(RecordLogError) {
            try appender.append(line)
        } catch {
            if state.logError == nil { state.logError = error }
        }
    }

    /// 16 hex digits: 64 random bits, so a million runs collide with odds of about 1 in 36 million.
    static func newRunID() -> String {
        let hex = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
