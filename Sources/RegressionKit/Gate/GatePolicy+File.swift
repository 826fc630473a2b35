extension GatePolicy {
    /// The policy a policy file describes (the JSON `regress-gate check --policy` reads: the
    /// policy's settings, must-pass cases, quarantine, prices and the other case rules), or a
    /// built-in policy's name.
    ///
    /// ```swift
    /// expectNoRegression(recorder, baseline: "rag", policy: try GatePolicy(contentsOfFile: "gate-policy.json"))
    /// ```
    /// Throws an error naming the file and the field for an unreadable or malformed file.
    public init(contentsOfFile path: String) throws {
        self = try Self.load(path)
    }
}
