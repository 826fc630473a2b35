/// The user's own keys: where a trace's version, case, input and step names are found when the
/// conventions' attributes are not where a pipeline writes them.
///
/// A key names an attribute: `resource.KEY` of the root span's resource, `root.KEY` of the root
/// span, `metadata.KEY` a member of the root's OpenInference `metadata` JSON, and a plain `KEY`
/// the root span's, else the earliest span's that has it. A step's key is read on the step's
/// own span (`resource.KEY` on its resource). A key given replaces the defaults for what it
/// names, so that no convention's attribute can win over it.
extension TraceMapping {
    /// This mapping with the keys given (nil: keep the default) for the version, the case, the
    /// input and the step names; throws when a key is empty or a step key names the root.
    package func overriding(version: [String]? = nil, caseID: [String]? = nil, input: [String]? = nil,
                            step: String? = nil) throws(TraceMappingError) -> TraceMapping {
        var mapping = self
        if let version { mapping.version = try Self.rules(version, for: "version") }
        if let caseID { mapping.caseID = try Self.rules(caseID, for: "case") }
        if let input { mapping.input = try Self.rules(input, for: "input") }
        if let step { mapping.stepName = try Self.stepRule(step) }
        return mapping
    }

    /// The mapping a trace-mapping file holds: a JSON object with any of `version`, `case`,
    /// `input` (each a key or a list of keys, tried in order) and `step` (one key); other
    /// members are refused, so that a misspelt one is not silently ignored.
    ///
    /// ```json
    /// {"version": ["resource.service.version", "root.app.version"], "case": "root.eval.case_id", "step": "traceloop.entity.name"}
    /// ```
    package static func load(json bytes: [UInt8]) throws(TraceMappingError) -> TraceMapping {
        let value: JSONValue
        do { value = try JSONValue.parse(bytes) } catch {
            throw TraceMappingError(problem: "line \(error.line), column \(error.column): \(error.message)")
        }
        guard case .object(let members) = value else { throw TraceMappingError(problem: "a trace mapping is a JSON object") }
        let known = ["version", "case", "input", "step"]
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw TraceMappingError(problem: "unknown member '\(unknown)'; a trace mapping has \(known.map { "'\($0)'" }.joined(separator: ", "))")
        }
        func keys(_ name: String) throws(TraceMappingError) -> [String]? {
            switch members[name] {
            case nil: return nil
            case .string(let key)?: return [key]
            case .array(let items)? where !items.isEmpty:
                var keys: [String] = []
                for item in items {
                    guard case .string(let key) = item else { throw TraceMappingError(problem: "'\(name)' lists keys as strings") }
                    keys.append(key)
                }
                return keys
            default: throw TraceMappingError(problem: "'\(name)' is a key or a non-empty list of keys")
            }
        }
        let step: String?
        switch members["step"] {
        case nil: step = nil
        case .string(let key)?: step = key
        default: throw TraceMappingError(problem: "'step' is one key, a string")
        }
        return try TraceMapping.default.overriding(version: try keys("version"), caseID: try keys("case"), input: try keys("input"), step: step)
    }

    /// The rules a list of user keys means, in order.
    static func rules(_ keys: [String], for what: String) throws(TraceMappingError) -> [AttributeRule] {
        var rules: [AttributeRule] = []
        for key in keys {
            switch try parse(key, for: what) {
            case .plain(let name): rules += [.root(name), .anySpan(name)]
            case .rule(let rule): rules.append(rule)
            }
        }
        return rules
    }

    /// The rule a step key means: on the step's own span (read as if it were the root).
    static func stepRule(_ key: String) throws(TraceMappingError) -> AttributeRule {
        switch try parse(key, for: "step") {
        case .plain(let name): return .root(name)
        case .rule(.resource(let name)): return .resource(name)
        case .rule:
            throw TraceMappingError(problem: "step key '\(key)': a step is named from its own span, by 'KEY' or 'resource.KEY'")
        }
    }

    private enum ParsedKey { case plain(String), rule(AttributeRule) }

    private static func parse(_ key: String, for what: String) throws(TraceMappingError) -> ParsedKey {
        for (prefix, make) in [("resource.", AttributeRule.resource), ("root.", AttributeRule.root), ("metadata.", AttributeRule.rootMetadata)]
        where key.hasPrefix(prefix) {
            let name = String(key.dropFirst(prefix.count))
            guard !name.isEmpty else { throw TraceMappingError(problem: "\(what) key '\(key)' names no attribute after '\(prefix)'") }
            return .rule(make(name))
        }
        guard !key.isEmpty else { throw TraceMappingError(problem: "a \(what) key is empty") }
        return .plain(key)
    }
}

/// A trace mapping that cannot be used: an empty key, a step key on the root, a mapping file
/// that is not the JSON object it should be.
package struct TraceMappingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    package var problem: String
    package var description: String { problem }
}
