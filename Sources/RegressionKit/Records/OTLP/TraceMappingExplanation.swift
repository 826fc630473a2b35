/// How traces were read into runs, so that a user sees it before gating on them: per version,
/// which rule gave the version, the case, the input and the step names, and how many traces (or
/// steps) each served. What `stats --explain-mapping` prints.
package struct TraceMappingExplanation: Sendable, Equatable {
    /// A rule, as messages name it (nil: no rule found a value), and how often it served.
    package struct RuleCount: Sendable, Equatable {
        package var rule: String?
        package var count: Int
    }

    /// One version's traces.
    package struct Version: Sendable, Equatable {
        package var version: String
        package var traces = 0
        /// The rules that gave the version, the case and the input, each with its traces.
        package var versionFrom: [RuleCount] = []
        package var caseFrom: [RuleCount] = []
        package var inputFrom: [RuleCount] = []
        /// How steps were named (`span name`, or the step rule), each with its steps.
        package var stepNamesFrom: [RuleCount] = []
        /// The step names read, in the order first seen.
        package var steps: [String] = []
    }

    /// The rules, in the order tried: `version`, `case`, `input` and `step`.
    package var rules: [(what: String, rules: [String])] {
        [("version", mapping.version.map(\.description)), ("case", mapping.caseID.map(\.description)),
         ("input", mapping.input.map(\.description)), ("step", [Self.stepRuleName(mapping.stepName)])]
    }
    /// The versions, in the order first read.
    package private(set) var versions: [Version] = []
    /// Traces in which no rule found a version (bad records when gating).
    package private(set) var tracesWithoutVersion = 0
    /// The files read as traces, and those read as another format (not explained).
    package var traceFiles: [String] = []
    package var otherFiles: [String] = []

    let mapping: TraceMapping
    private var index: [String: Int] = [:]

    init(mapping: TraceMapping) { self.mapping = mapping }

    package static func == (a: Self, b: Self) -> Bool {
        a.versions == b.versions && a.tracesWithoutVersion == b.tracesWithoutVersion && a.traceFiles == b.traceFiles
            && a.otherFiles == b.otherFiles && a.mapping == b.mapping
    }

    /// How a step rule is named; `span name` when steps are named by their spans.
    static func stepRuleName(_ rule: AttributeRule?) -> String {
        switch rule {
        case nil: "span name"
        case .resource(let key)?: "the step's resource \(key)"
        case .root(let key)?, .anySpan(let key)?, .rootMetadata(let key)?: "the step's \(key)"
        }
    }

    /// Counts one trace's mapping.
    mutating func add(_ result: Result<TraceRun, TraceMappingProblem>) {
        guard case .success(let run) = result else {
            if case .failure(.noVersion) = result { tracesWithoutVersion += 1 }
            return
        }
        let i = index[run.version] ?? {
            index[run.version] = versions.count
            versions.append(Version(version: run.version))
            return versions.count - 1
        }()
        versions[i].traces += 1
        Self.count(run.versionRule.description, in: &versions[i].versionFrom)
        Self.count(run.caseRule?.description, in: &versions[i].caseFrom)
        Self.count(run.inputRule?.description, in: &versions[i].inputFrom)
        for step in run.steps {
            Self.count(step.namedByAttribute ? Self.stepRuleName(mapping.stepName) : "span name", in: &versions[i].stepNamesFrom)
            if !versions[i].steps.contains(step.name) { versions[i].steps.append(step.name) }
        }
    }

    private static func count(_ rule: String?, in counts: inout [RuleCount]) {
        if let k = counts.firstIndex(where: { $0.rule == rule }) { counts[k].count += 1 } else { counts.append(RuleCount(rule: rule, count: 1)) }
    }
}

extension LogReader {
    /// Reads the trace files among the sources and explains how each trace was mapped, without
    /// failing on a trace that has no version (it is counted: that is what the user wants to see).
    /// Files of other formats are named and not read.
    package func explainTraceMapping(onBadLine: (LogLineError) -> Void = { _ in }) throws -> (TraceMappingExplanation, LogReadSummary) {
        var explanation = TraceMappingExplanation(mapping: traceMapping)
        var summary = LogReadSummary()
        var bad = BadLinePolicy(limit: maxBadLines)
        var traces: TraceSet?
        let format = otlpFormat
        for (index, source) in sources.enumerated() {
            summary.sources.append(source.description)
            try withFile(source) { file in
                guard (self.format ?? LogFormatID.of(file)) == .otlp else {
                    explanation.otherFiles.append(file.source)
                    return
                }
                explanation.traceFiles.append(file.source)
                if traces == nil { traces = format.makeGathering() }
                summary.add(try format.gather(file, index: index, into: &traces!, report: { try bad.accept($0, onBadLine) }, onProgress: { _ in }))
            }
        }
        if let traces {
            for t in traces.traces.indices {
                let result = traceMapping.run(of: traces.ids[t], spans: traces.traces[t])
                explanation.add(result)
                if case .success(let run) = result { summary.records += run.steps.count }
            }
        }
        summary.badLines = bad.count
        return (explanation, summary)
    }
}
