/// One run explained: its root cause (the first failed step), the category, and what it touched.
package struct RunAnalysis: Sendable, Equatable {
    /// The run's id.
    var runID: String
    /// The `prompt_version` of its first record.
    package var version: String
    /// Why it failed; `NONE` when no step failed.
    var category: RootCauseCategory
    /// The first failed step (in log order), nil when none failed.
    var rootCauseStep: String?
    /// That step's error type, nil when it had none.
    var errorType: String?
    /// Every failed step record's step name, in log order (a retried step appears twice).
    var failedSteps: [String]
    /// Step records of the run.
    var steps: Int
    /// The input of the first failed step (else of the first step): usually the user query.
    var inputSummary: String?
    /// The first failed step's timestamp as written.
    var failedAt: String?
    /// The run's latest timestamp as written.
    var lastTimestamp: String?
    /// What the category means (from the config).
    var description: String

    /// Whether any step failed.
    var failed: Bool { rootCauseStep != nil }

    /// "generation failed: timeout", "citation failed: no error type", or "no step failed".
    var rootCause: String {
        guard let step = rootCauseStep else { return "no step failed" }
        return "\(step) failed: \(errorType ?? "no error type")"
    }
}

/// Collects what root-cause analysis needs from a stream of records, one run at a time.
///
/// Memory grows with the number of distinct runs (an id, two timestamps and a few small
/// integers each; versions, steps, error types and inputs are stored once), never with records.
/// ```swift
/// var collector = RunCollector()
/// try LogReader(sources: [.file("requests.jsonl")]).read { collector.add($0) }
/// let runs = collector.analyses(config: .default)
/// ```
struct RunCollector: Sendable {
    struct Failure: Sendable {
        var step: Int32
        var errorType: Int32   // -1: none
        var input: Int32       // -1: none
        var timestamp: String?
    }

    struct State: Sendable {
        var runID: String
        var version: Int32
        var steps: Int32 = 0
        var firstInput: Int32   // -1: none
        var failedSteps: [Int32] = []
        var failure: Failure?
        var lastTimestamp: String?
        var lastInstant = Int64.min   // min: no parseable timestamp yet
    }

    private var index: [String: Int] = [:]
    private var states: [State] = []
    private var strings = StringTable()

    /// An empty collector.
    init() {}

    /// Adds one record.
    mutating func add(_ record: StepRecord) {
        let i: Int
        if let known = index[record.runID] {
            i = known
        } else {
            i = states.count
            index[record.runID] = i
            states.append(State(runID: record.runID, version: strings.id(record.promptVersion),
                                firstInput: strings.id(record.inputSummary)))
        }
        states[i].steps += 1
        if !record.success {
            let step = strings.id(record.stepName)
            states[i].failedSteps.append(step)
            if states[i].failure == nil {
                states[i].failure = Failure(step: step, errorType: strings.id(record.normalizedErrorType),
                                            input: strings.id(record.inputSummary), timestamp: record.timestamp)
            }
        }
        if let t = record.timestamp {
            if let instant = LogTimestamp(t)?.microsecondsSinceEpoch {
                if instant > states[i].lastInstant {
                    states[i].lastInstant = instant
                    states[i].lastTimestamp = t
                }
            } else if states[i].lastInstant == .min, states[i].lastTimestamp.map({ t > $0 }) ?? true {
                states[i].lastTimestamp = t
            }
        }
    }

    /// Distinct runs seen.
    var runCount: Int { states.count }

    /// Every run, explained under `config`, in order of first appearance.
    func analyses(config: ForensicsConfig = .default) -> [RunAnalysis] {
        states.indices.map { analysis(at: $0, config: config) }
    }

    /// The run with this id, explained; nil when the logs do not hold it.
    func analysis(of runID: String, config: ForensicsConfig = .default) -> RunAnalysis? {
        index[runID].map { analysis(at: $0, config: config) }
    }

    /// Indices of the failed runs, in order of first appearance.
    var failedIndices: [Int] { states.indices.filter { states[$0].failure != nil } }

    func analysis(at i: Int, config: ForensicsConfig) -> RunAnalysis {
        let s = states[i]
        guard let f = s.failure else {
            return RunAnalysis(runID: s.runID, version: strings[s.version]!, category: .none, rootCauseStep: nil, errorType: nil,
                               failedSteps: [], steps: Int(s.steps), inputSummary: strings[s.firstInput], failedAt: nil,
                               lastTimestamp: s.lastTimestamp, description: config.description(of: .none))
        }
        let step = strings[f.step]!, errorType = strings[f.errorType]
        let category = config.categoryMap.category(errorType: errorType, step: step)
        return RunAnalysis(runID: s.runID, version: strings[s.version]!, category: category, rootCauseStep: step,
                           errorType: errorType, failedSteps: s.failedSteps.map { strings[$0]! }, steps: Int(s.steps),
                           inputSummary: strings[f.input], failedAt: f.timestamp, lastTimestamp: s.lastTimestamp,
                           description: config.description(of: category))
    }

    /// Run indices ordered latest first (by latest timestamp; runs without one last; ties in log order).
    func latestFirst(among indices: [Int]) -> [Int] {
        indices.sorted { a, b in
            let x = states[a].lastInstant, y = states[b].lastInstant
            return x != y ? x > y : a < b
        }
    }

    /// Per version, in order of first appearance: runs, failed run indices.
    func versionIndex() -> [(version: String, runs: Int)] {
        var order: [Int32] = [], counts: [Int32: Int] = [:]
        for s in states {
            if counts[s.version] == nil { order.append(s.version) }
            counts[s.version, default: 0] += 1
        }
        return order.map { (strings[$0]!, counts[$0]!) }
    }
}

/// Strings stored once, named by a small integer (-1 for nil).
struct StringTable: Sendable {
    private var ids: [String: Int32] = [:]
    private var values: [String] = []

    mutating func id(_ s: String?) -> Int32 {
        guard let s else { return -1 }
        if let known = ids[s] { return known }
        let id = Int32(values.count)
        ids[s] = id
        values.append(s)
        return id
    }

    subscript(id: Int32) -> String? { id < 0 ? nil : values[Int(id)] }
}
