/// A model's explanation, as the answer schema (`LLMAnalysis.schema`) shapes it: a summary, root
/// causes with a confidence, recommended actions and the next iteration to try.
///
/// It explains and never decides: no verdict, count or exit code is computed from it. Every
/// string in it is the model's, hostile like any data: each report escapes it where it writes it.
package struct LLMAnalysis: Sendable, Equatable {
    /// One cause the model sees behind the failures.
    package struct RootCause: Sendable, Equatable {
        package var step: String
        package var category: String
        package var explanation: String
        /// How sure the model says it is, 0...1.
        package var confidence: Double
    }

    /// One action the model recommends.
    package struct Action: Sendable, Equatable {
        package var action: String
        /// `HIGH`, `MEDIUM` or `LOW`.
        package var priority: String
        package var rationale: String
    }

    package var summary: String
    package var rootCauses: [RootCause]
    package var recommendations: [Action]
    /// What to change in the next version (the prompt, the pipeline).
    package var nextIteration: String

    /// The priorities an action may have, most urgent first.
    static let priorities = ["HIGH", "MEDIUM", "LOW"]

    /// The JSON Schema a request asks the answer to follow (OpenAI's strict structured outputs:
    /// every property required, no others).
    static let schema: JSONValue = {
        func string() -> JSONValue { .object(["type": .string("string")]) }
        func object(_ properties: [String: JSONValue], order: [String]) -> JSONValue {
            .object(["type": .string("object"), "additionalProperties": .bool(false),
                     "required": .array(order.map(JSONValue.string)), "properties": .object(properties)])
        }
        let cause = object([
            "step": string(), "category": string(), "explanation": string(),
            "confidence": .object(["type": .string("number"), "minimum": .number(0), "maximum": .number(1)]),
        ], order: ["step", "category", "explanation", "confidence"])
        let action = object([
            "action": string(),
            "priority": .object(["type": .string("string"), "enum": .array(priorities.map(JSONValue.string))]),
            "rationale": string(),
        ], order: ["action", "priority", "rationale"])
        return object([
            "summary": string(),
            "root_causes": .object(["type": .string("array"), "items": cause]),
            "recommendations": .object(["type": .string("array"), "items": action]),
            "next_iteration": string(),
        ], order: ["summary", "root_causes", "recommendations", "next_iteration"])
    }()

    /// The answer as JSON, in the schema's shape.
    var jsonValue: JSONValue {
        .object([
            "summary": .string(summary),
            "root_causes": .array(rootCauses.map { c in
                .object(["step": .string(c.step), "category": .string(c.category), "explanation": .string(c.explanation), "confidence": .number(c.confidence)])
            }),
            "recommendations": .array(recommendations.map { a in
                .object(["action": .string(a.action), "priority": .string(a.priority), "rationale": .string(a.rationale)])
            }),
            "next_iteration": .string(nextIteration),
        ])
    }

    /// This analysis with `transform` applied to every string (to mask a secret a hostile server echoed).
    func mapStrings(_ transform: (String) -> String) -> LLMAnalysis {
        LLMAnalysis(
            summary: transform(summary),
            rootCauses: rootCauses.map { RootCause(step: transform($0.step), category: transform($0.category), explanation: transform($0.explanation), confidence: $0.confidence) },
            recommendations: recommendations.map { Action(action: transform($0.action), priority: $0.priority, rationale: transform($0.rationale)) },
            nextIteration: transform(nextIteration))
    }
}

/// Why a model's answer is not an analysis: where it breaks the schema, in words.
struct LLMSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension LLMAnalysis {
    /// Validates `value` against `schema`: an object with exactly the schema's keys, each of its
    /// type; confidence a number from 0 to 1; priority one of HIGH, MEDIUM, LOW.
    init(validating value: JSONValue) throws(LLMSchemaError) {
        let top = try Self.object(value, "the answer", keys: ["summary", "root_causes", "recommendations", "next_iteration"])
        summary = try Self.string(top["summary"]!, "summary")
        nextIteration = try Self.string(top["next_iteration"]!, "next_iteration")
        rootCauses = try Self.array(top["root_causes"]!, "root_causes").enumerated().map { n, item throws(LLMSchemaError) in
            let place = "root_causes[\(n)]"
            let o = try Self.object(item, place, keys: ["step", "category", "explanation", "confidence"])
            guard case .number(let text) = o["confidence"]!, let confidence = Double(text), confidence >= 0, confidence <= 1 else {
                throw LLMSchemaError(message: "\(place).confidence is not a number from 0 to 1")
            }
            return RootCause(step: try Self.string(o["step"]!, "\(place).step"), category: try Self.string(o["category"]!, "\(place).category"),
                             explanation: try Self.string(o["explanation"]!, "\(place).explanation"), confidence: confidence)
        }
        recommendations = try Self.array(top["recommendations"]!, "recommendations").enumerated().map { n, item throws(LLMSchemaError) in
            let place = "recommendations[\(n)]"
            let o = try Self.object(item, place, keys: ["action", "priority", "rationale"])
            let priority = try Self.string(o["priority"]!, "\(place).priority")
            guard Self.priorities.contains(priority) else {
                throw LLMSchemaError(message: "\(place).priority is not one of \(Self.priorities.joined(separator: ", "))")
            }
            return Action(action: try Self.string(o["action"]!, "\(place).action"), priority: priority,
                          rationale: try Self.string(o["rationale"]!, "\(place).rationale"))
        }
    }

    private static func object(_ value: JSONValue, _ place: String, keys: [String]) throws(LLMSchemaError) -> [String: JSONValue] {
        guard case .object(let members) = value else { throw LLMSchemaError(message: "\(place) is not an object") }
        if let missing = keys.first(where: { members[$0] == nil }) { throw LLMSchemaError(message: "\(place) lacks \"\(missing)\"") }
        if let extra = members.keys.sorted().first(where: { !keys.contains($0) }) {
            throw LLMSchemaError(message: "\(place) has a key the schema does not allow: \"\(String(extra.prefix(40)))\"")
        }
        return members
    }

    private static func string(_ value: JSONValue, _ place: String) throws(LLMSchemaError) -> String {
        guard case .string(let s) = value else { throw LLMSchemaError(message: "\(place) is not a string") }
        return s
    }

    private static func array(_ value: JSONValue, _ place: String) throws(LLMSchemaError) -> [JSONValue] {
        guard case .array(let items) = value else { throw LLMSchemaError(message: "\(place) is not an array") }
        return items
    }
}
