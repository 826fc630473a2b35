/// A sample as its distinct values, ascending, each with how many times it occurs.
///
/// Rank tests and the Hodges-Lehmann shift depend only on this, so they run in time that grows
/// with the number of distinct values: a latency sketch of a million values has about a thousand.
struct WeightedSample: Sendable, Equatable {
    /// Distinct values, strictly ascending.
    private(set) var values: [Double]
    /// How many times each value occurs (each >= 1).
    private(set) var weights: [Int]

    /// The sample `values`, grouped.
    init(_ values: [Double]) {
        var distinct: [Double] = [], weights: [Int] = []
        for v in values.sorted() {
            if let last = distinct.last, last == v { weights[weights.count - 1] += 1 } else { distinct.append(v); weights.append(1) }
        }
        self.values = distinct
        self.weights = weights
    }

    /// Already grouped values; `values` must be strictly ascending and `weights` positive.
    init(sortedDistinct values: [Double], weights: [Int]) {
        precondition(values.count == weights.count && weights.allSatisfy { $0 > 0 })
        precondition(zip(values, values.dropFirst()).allSatisfy { $0 < $1 }, "values must be strictly ascending")
        self.values = values
        self.weights = weights
    }

    /// Number of observations.
    var count: Int { weights.reduce(0, +) }
    var isEmpty: Bool { values.isEmpty }
}
