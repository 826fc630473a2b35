/// One run explained: its root cause (the first failed step), the category, and what it touched.
public struct RunAnalysis: Sendable, Equatable {
    /// The run's id.
    public var runID: String
    /// The `prompt_version` of its first record.
    public var version: String
    /// Why it failed; `NONE` when no step failed.
    public var category: RootCauseCategory
    /// The first failed step (in log order), nil when none failed.
    public var rootCauseStep: String?
    /// That step's error type, nil when it had none.
    public var errorType: String?
    /// Every failed step record's step name, in log order (a retried step appears twice).
    public var failedSteps: [String]
    /// Step records of the run.
    public var steps: Int
    /// The input of the first failed step (else of the first step): usually the user query.
    public var inputSummary: String?
    /// The first failed step's timestamp as written.
    public var failedAt: String?
    /// The run's latest timestamp as written.
    public var lastTimestamp: String?
    /// What the category means (from the config).
    public var description: String

    /// Whether any step failed.
    public var failed: Bool { rootCauseStep != nil }

    /// "generation failed: timeout", "citation failed: no error type", or "no step failed".
    public var rootCause: String {
        guard let step = rootCauseStep else { return "no step failed" }
        return "\(step) failed: \(errorType ?? "no error type")"
    }
}

/// Collects what root-cause analysis needs from a stream of records, one run at a time.
///
/// Memory grows with the number of distinct runs (a few strings each), never with records.
/// ```swift
/// var collector = RunCollector()
/// try LogReader(sources: [.file("requests.jsonl")]).read { collector.add($0) }
/// let runs = collector.analyses(config: .default)
/// ```
public struct RunCollector: Sendable {
    struct State: Sendable {
        var runID: String
        var version: String
        var steps = 0
        var failedSteps: [String] = []
        var firstFailure: StepRecord?
        var firstInput: String?
        var lastTimestamp: String?
        var lastInstant: Int64?
    }

    private var index: [String: Int] = [:]
    private var states: [State] = []

    public init() {}

    /// Adds one record.
    public mutating func add(_ record: StepRecord) {
        let i: Int
        if let known = index[record.runID] {
            i = known
        } else {
            i = states.count
            index[record.runID] = i
            states.append(State(runID: record.runID, version: record.promptVersion, firstInput: record.inputSummary))
        }
        states[i].steps += 1
        if !record.success {
            states[i].failedSteps.append(record.stepName)
            if states[i].firstFailure == nil {
                var kept = record
                kept.outputSummary = nil
                states[i].firstFailure = kept
            }
        }
        if let t = record.timestamp {
            if let instant = LogTimestamp(t)?.microsecondsSinceEpoch {
                if states[i].lastInstant.map({ instant > $0 }) ?? true {
                    states[i].lastInstant = instant
                    states[i].lastTimestamp = t
                }
            } else if states[i].lastInstant == nil, states[i].lastTimestamp.map({ t > $0 }) ?? true {
                states[i].lastTimestamp = t
            }
        }
    }

    /// Distinct runs seen.
    public var runCount: Int { states.count }

    /// Every run, explained under `config`, in order of first appearance.
    public func analyses(config: ForensicsConfig = .default) -> [RunAnalysis] {
        states.map { s in
            guard let f = s.firstFailure else {
                return RunAnalysis(runID: s.runID, version: s.version, category: .none, rootCauseStep: nil, errorType: nil,
                                   failedSteps: [], steps: s.steps, inputSummary: s.firstInput, failedAt: nil,
                                   lastTimestamp: s.lastTimestamp, description: config.description(of: .none))
            }
            let category = config.categoryMap.category(errorType: f.normalizedErrorType, step: f.stepName)
            return RunAnalysis(runID: s.runID, version: s.version, category: category, rootCauseStep: f.stepName,
                               errorType: f.normalizedErrorType, failedSteps: s.failedSteps, steps: s.steps,
                               inputSummary: f.inputSummary, failedAt: f.timestamp, lastTimestamp: s.lastTimestamp,
                               description: config.description(of: category))
        }
    }

    /// Run indices ordered latest first (by latest timestamp; runs without one last; ties in log order).
    func latestFirst() -> [Int] {
        states.indices.sorted { a, b in
            let x = states[a].lastInstant, y = states[b].lastInstant
            if x != y { return (x ?? .min) > (y ?? .min) }
            return a < b
        }
    }
}
