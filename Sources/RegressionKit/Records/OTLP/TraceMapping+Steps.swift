import Foundation

/// One trace read as a run: its version, case and input, and its steps in the order they started.
struct TraceRun: Sendable, Equatable {
    var traceID: TraceID
    var version: String
    var caseID: String?
    var inputSummary: String?
    var steps: [TraceStep]
    /// The rules that found the version, the case and the input (nil: none did).
    var versionRule: AttributeRule
    var caseRule: AttributeRule?
    var inputRule: AttributeRule?
}

/// One step of a trace's run: a direct child of the root span.
struct TraceStep: Sendable, Equatable {
    var name: String
    /// Whether the name is the mapping's `stepName` attribute's value, not the span's name.
    var namedByAttribute = false
    var success: Bool
    var errorType: String?
    var latencyMS: Double
    var tokenCount: Int?
    var modelName: String?
    var startTimeUnixNano: UInt64
    var origin: SpanOrigin
}

/// Why a trace gives no run.
enum TraceMappingProblem: Error, Equatable {
    /// No rule found a version; the rules tried, as messages name them, and where the root was read.
    case noVersion(tried: [String], root: SpanOrigin)
    /// Every span's parent is in the trace (a cycle): no root. Where the first span was read.
    case noRoot(first: SpanOrigin)

    /// Where the problem is reported: the root span's place, else the trace's first span's.
    var origin: SpanOrigin {
        switch self {
        case .noVersion(_, let root): root
        case .noRoot(let first): first
        }
    }

    /// The problem in words, naming the trace.
    func message(_ trace: TraceID) -> String {
        switch self {
        case .noVersion(let tried, _):
            "trace \(trace.hex) has no version: none of \(tried.joined(separator: ", ")) is set; set one of them in the traces"
        case .noRoot:
            "trace \(trace.hex) has no root span: every span's parent is in the trace"
        }
    }
}

extension TraceMapping {
    /// The run `spans` (one trace's, in the order read) make.
    ///
    /// - The root is the earliest-starting span without a parent (absent, empty or all zeros),
    ///   else the earliest whose parent is not in the trace (part of the trace was not exported).
    /// - The steps are the root's direct children, by start time; a root without children is a
    ///   run of one step, itself. A span id read twice (an export retried) counts once.
    /// - A step fails when its own status is ERROR; errors below it do not fail it. Its error
    ///   type is `error.type`, else its last `exception` event's `exception.type`, else the
    ///   status message. A step that did not fail has none, whatever its events say (a handled
    ///   exception, a retry).
    /// - Latency is end − start in ms; tokens the span's own (see `tokenRules`), else the sum of
    ///   its children's, each counted the same way; the model its own, else the first found
    ///   below it, earliest first.
    func run(of traceID: TraceID, spans read: [GatheredSpan]) -> Result<TraceRun, TraceMappingProblem> {
        // One span per id, the first read; then in start order.
        let spans = SpansInStartOrder(SpanTree.unique(read))
        let tree = SpanTree(spans)
        guard let rootIndex = spans.indices.first(where: { spans[$0].parentSpanID == nil })
                ?? spans.indices.first(where: { tree.parent[$0] < 0 }) else { return .failure(.noRoot(first: read[0].origin)) }
        // Spans are read in place (`spans[i]`), never bound to a name: a copy would retain each
        // string and list the span holds.
        guard let (version, versionRule) = firstValue(of: version, root: spans[rootIndex], spans: spans) else {
            return .failure(.noVersion(tried: version.map(\.description), root: spans[rootIndex].origin))
        }
        let stepIndexes = tree.children(of: rootIndex)
        let caseFound = firstValue(of: caseID, root: spans[rootIndex], spans: spans)
        let inputFound = firstValue(of: input, root: spans[rootIndex], spans: spans)
        var steps: [TraceStep] = []
        steps.reserveCapacity(max(1, stepIndexes.count))
        for i in stepIndexes.isEmpty ? [rootIndex] : Array(stepIndexes) {
            let below = stepIndexes.isEmpty ? [] : tree.descendants(of: i)
            let attributeName = stepName.flatMap { firstValue(of: [$0], root: spans[i], spans: SpansInStartOrder([spans[i]]))?.value }
            steps.append(TraceStep(
                name: attributeName ?? spans[i].name, namedByAttribute: attributeName != nil,
                success: !spans[i].isError, errorType: spans[i].isError ? errorType(of: spans[i]) : nil,
                latencyMS: spans[i].latencyMS, tokenCount: tokens(of: i, below: below, spans: spans, tree: tree),
                modelName: model(of: spans[i]) ?? below.sorted().lazy.compactMap { model(of: spans[$0]) }.first,
                startTimeUnixNano: spans[i].startTimeUnixNano, origin: spans[i].origin))
        }
        return .success(TraceRun(
            traceID: traceID, version: version,
            caseID: caseFound?.value,
            inputSummary: inputFound.map { Self.inputSummary($0.value) },
            steps: steps,
            versionRule: versionRule, caseRule: caseFound?.rule, inputRule: inputFound?.rule))
    }

    /// `text` cut to `inputSummaryCharacters` characters (Unicode scalars); most inputs are
    /// shorter and are kept as they are.
    static func inputSummary(_ text: String) -> String {
        text.utf8.count <= inputSummaryCharacters ? text : String(text.unicodeScalars.prefix(inputSummaryCharacters))
    }

    /// The first non-empty value the rules find, and the rule that found it.
    private func firstValue(of rules: [AttributeRule], root: GatheredSpan, spans: SpansInStartOrder) -> (value: String, rule: AttributeRule)? {
        for rule in rules {
            let found: String?
            switch rule {
            case .resource(let key): found = root.resource.last { $0.key == key }?.value.text
            case .root(let key): found = root.attribute(key)?.text
            case .rootMetadata(let key): found = root.attribute(Self.metadataKey)?.text.flatMap { Self.metadataMember(key, in: $0) }
            case .anySpan(let key): found = spans.lazy.compactMap { $0.attribute(key)?.text }.first { !$0.isEmpty }
            }
            if let found, !found.isEmpty { return (found, rule) }
        }
        return nil
    }

    /// A string (or number) member of the JSON object `json`, as OpenInference's `metadata` holds.
    static func metadataMember(_ key: String, in json: String) -> String? {
        guard case .object(let members)? = try? JSONValue.parse(Array(json.utf8)) else { return nil }
        switch members[key] {
        case .string(let s)?: return s
        case .number(let n)?: return n
        default: return nil
        }
    }

    private func errorType(of step: GatheredSpan) -> String? {
        if let type = step.attribute(Self.errorTypeKey)?.text, !type.isEmpty { return type }
        if let type = step.lastExceptionType, !type.isEmpty { return type }
        return step.statusMessage.isEmpty ? nil : step.statusMessage
    }

    private func model(of span: GatheredSpan) -> String? {
        for key in Self.modelKeys {
            if let name = span.attribute(key)?.text, !name.isEmpty { return name }
        }
        return nil
    }

    /// A span's own token count: the first rule with a value (a pair adds the values it has).
    static func ownTokens(_ span: GatheredSpan) -> Int? {
        for keys in tokenRules {
            var total = 0, found = false   // no array of the values: this runs for every step
            for key in keys {
                guard let v = span.attribute(key)?.integer else { continue }
                found = true
                let (sum, overflow) = total.addingReportingOverflow(v)
                if overflow { return nil }
                total = sum
            }
            if found { return total }
        }
        return nil
    }

    /// The step's own tokens, else the sum over its children, each counted the same way: a
    /// parent's own total is not added to its children's again. Nil when no span has a count.
    private func tokens(of step: Int, below: [Int], spans: SpansInStartOrder, tree: SpanTree) -> Int? {
        if let own = Self.ownTokens(spans[step]) { return own }
        if below.isEmpty { return nil }
        // Children after parents in `below`: walk it backwards so each child is done first.
        var count = [Int?](repeating: nil, count: spans.count)
        for i in below.reversed() {
            count[i] = Self.ownTokens(spans[i]) ?? Self.sum(tree.children(of: i).map { count[$0] })
        }
        return Self.sum(tree.children(of: step).map { count[$0] })
    }

    /// The sum of the known counts; nil when none is known or the sum overflows.
    private static func sum(_ counts: [Int?]) -> Int? {
        var total: Int?
        for case let c? in counts {
            let (s, overflow) = (total ?? 0).addingReportingOverflow(c)
            if overflow { return nil }
            total = s
        }
        return total
    }
}
