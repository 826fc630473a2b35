/// The levels a gate can be asked to fail at, by name: what `check --fail-on` takes. The one
/// table behind the option's allowed values and the verdict each name means.
extension Verdict {
    /// Each name and the least severe verdict that then fails, in the order help lists them.
    /// REGRESSION_DETECTED always fails, so it needs no name: it is the level when none is given.
    package static let failOnLevels: [(name: String, level: Verdict)] = [
        ("warning", .warning),
        ("insufficient", .insufficientData),
    ]

    /// The level `name` asks a gate to fail at: `warning` is WARNING, `insufficient`
    /// INSUFFICIENT_DATA (so WARNING too, see `fails(at:)`); nil for any other name.
    ///
    /// ```swift
    /// Verdict(failOn: "warning")   // .warning
    /// ```
    package init?(failOn name: String) {
        guard let level = Self.failOnLevels.first(where: { $0.name == name })?.level else { return nil }
        self = level
    }
}
