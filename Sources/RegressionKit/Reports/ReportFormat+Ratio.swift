extension ReportFormat {
    /// "1.32" for a slowdown ratio; "∞" for a bound that does not exist (too few latencies for the level).
    static func ratio(_ value: Double) -> String { value.isFinite ? String(format: "%.2f", value) : "∞" }

    /// "[1.22, 1.46]", or "[0.41, ∞]" when the upper bound does not exist.
    static func ratioInterval(_ low: Double, _ high: Double) -> String { "[\(ratio(low)), \(ratio(high))]" }
}
