/// How a trace becomes a run of steps: where its version, case and input are found.
///
/// The defaults read the attributes of the OpenTelemetry GenAI semantic conventions,
/// OpenInference (Arize Phoenix, LlamaIndex, LangChain), OpenLLMetry/Traceloop and Langfuse;
/// each list is tried in order and the first non-empty value wins. A step is named by its span's
/// name unless `stepName` names an attribute. The rules that are not lists (step = direct child
/// of the root, failure = ERROR status, error type, latency, tokens, model) are in
/// `TraceMapping+Steps.swift`; the user's own keys are read in `TraceMapping+Keys.swift`.
package struct TraceMapping: Sendable, Equatable {
    /// Where a run's version is looked up.
    var version: [AttributeRule]
    /// Where a run's case is looked up (when none is found the input summary is the case, as in
    /// the native format).
    var caseID: [AttributeRule]
    /// Where a run's input summary is looked up.
    var input: [AttributeRule]
    /// Where a step's name is looked up, on the step's own span (`.root` is not a rule here);
    /// when nil, or when the step has no value there, the span's name.
    var stepName: AttributeRule?

    /// The defaults: the conventions' attributes, tried in order.
    package static let `default` = TraceMapping(
        version: [.resource("service.version"), .root("langfuse.version"), .rootMetadata("prompt_version"),
                  .root("traceloop.association.properties.prompt_version"), .anySpan("llm.prompt_template.version")],
        caseID: [.root("session.id"), .root("langfuse.session.id"), .root("gen_ai.conversation.id"),
                 .rootMetadata("case_id"), .root("traceloop.association.properties.case_id")],
        input: [.root("input.value"), .root("traceloop.entity.input"), .root("gen_ai.retrieval.query.text")])

    /// The attribute that gives a failed step its error type, before exception events and the
    /// status message.
    static let errorTypeKey = "error.type"
    /// The event that records an exception, and its attribute naming the exception's type.
    static let exceptionEvent = "exception", exceptionTypeKey = "exception.type"
    /// The attributes naming the model, in order.
    static let modelKeys = ["gen_ai.response.model", "gen_ai.request.model", "llm.model_name"]
    /// A span's own token count: the first of these pairs (or single totals) with a value.
    static let tokenRules: [[String]] = [
        ["gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens"],
        ["llm.token_count.total"],
        ["llm.token_count.prompt", "llm.token_count.completion"],
        ["gen_ai.usage.prompt_tokens", "gen_ai.usage.completion_tokens"],
    ]
    /// The OpenInference attribute holding a JSON object of free-form metadata.
    static let metadataKey = "metadata"
    /// The ancestor's logger cuts the input summary at 200 characters; so do traces, so that a
    /// case named by its input reads the same from both.
    static let inputSummaryCharacters = 200

    /// The span attributes any rule reads: a span keeps only these when gathered, so memory
    /// grows with what the mapping needs, not with what the producer wrote.
    var spanKeys: Set<String> {
        var keys: Set<String> = [Self.errorTypeKey, Self.metadataKey]
        keys.formUnion(Self.modelKeys)
        keys.formUnion(Self.tokenRules.joined())
        for rule in version + caseID + input + (stepName.map { [$0] } ?? []) {
            switch rule {
            case .root(let key), .anySpan(let key): keys.insert(key)
            case .rootMetadata: keys.insert(Self.metadataKey)
            case .resource: break
            }
        }
        return keys
    }

    /// The resource attributes any rule reads.
    var resourceKeys: Set<String> {
        var keys: Set<String> = []
        for case .resource(let key) in version + caseID + input + (stepName.map { [$0] } ?? []) { keys.insert(key) }
        return keys
    }
}

/// One place a value is looked up.
enum AttributeRule: Sendable, Hashable, CustomStringConvertible {
    /// An attribute of the root span's resource.
    case resource(String)
    /// An attribute of the root span.
    case root(String)
    /// A member of the JSON object in the root span's OpenInference `metadata` attribute.
    case rootMetadata(String)
    /// An attribute of any span of the trace, the earliest-starting first.
    case anySpan(String)

    /// How messages name the rule, e.g. `resource service.version`.
    var description: String {
        switch self {
        case .resource(let key): "resource \(key)"
        case .root(let key): "root \(key)"
        case .rootMetadata(let key): "root \(TraceMapping.metadataKey).\(key)"
        case .anySpan(let key): "any span's \(key)"
        }
    }
}
