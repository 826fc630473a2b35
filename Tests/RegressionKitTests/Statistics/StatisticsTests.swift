import Testing

/// Parent suite of the statistics tests, so that `swift test --filter Statistics`
/// selects all of them (the filter matches type names, not display names).
@Suite("Statistics") enum StatisticsTests {}
