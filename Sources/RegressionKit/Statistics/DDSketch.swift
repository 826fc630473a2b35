import Foundation

/// A DDSketch of positive values (latencies in ms): quantiles with a bounded relative error,
/// mergeable, and bounded in size.
///
/// Values fall into logarithmic bins of ratio gamma = (1 + a) / (1 - a), so any quantile is
/// returned within a relative error `a` (default 1 %) of a true sample value (Masson, Rim and
/// Lee, "DDSketch", VLDB 2019). Latencies from 1 µs to 11 days take under 1,300 bins, whatever
/// the number of values; values at or below 1 µs count in a zero bin.
struct DDSketch: Sendable, Equatable {
    /// The relative accuracy `a`, 0...1 (0.01 is 1 %).
    let relativeAccuracy: Double
    /// Count per bin index; bin i holds values in (gamma^(i-1), gamma^i].
    var bins: [Int: Int] {
        var result: [Int: Int] = [:]
        for (k, c) in counts.enumerated() where c > 0 { result[offset + k] = c }
        return result
    }
    /// Dense counts of bins `offset ..< offset + counts.count` (latencies span ~1,000 bins at most).
    private var counts: [Int] = []
    private var offset = 0
    /// Values too small to bin (<= `minIndexable`), zeros included.
    private(set) var zeroCount = 0
    /// How many values were added.
    private(set) var count = 0
    /// Exact smallest and largest value added, nil when empty.
    private(set) var min: Double?
    private(set) var max: Double?

    /// Values at or below this go to the zero bin (1 µs when the unit is ms).
    static let minIndexable = 1e-3

    private let logGamma: Double

    /// Creates an empty sketch with relative accuracy `relativeAccuracy` (0 < a < 1).
    init(relativeAccuracy: Double = 0.01) {
        precondition(relativeAccuracy > 0 && relativeAccuracy < 1, "relative accuracy must be in (0, 1)")
        self.relativeAccuracy = relativeAccuracy
        self.logGamma = log((1 + relativeAccuracy) / (1 - relativeAccuracy))
    }

    /// Adds one value; negative and non-finite values are ignored (they cannot be latencies).
    mutating func add(_ value: Double) {
        guard value.isFinite, value >= 0 else { return }
        count += 1
        if min == nil || value < min! { min = value }    // as Swift.min(min, value)
        if max == nil || value >= max! { max = value }   // as Swift.max(max, value)
        if value <= Self.minIndexable {
            zeroCount += 1
            return
        }
        let i = index(of: value)
        let k = i &- offset
        if k >= 0 && k < counts.count {   // the common case: a bin the sketch already spans
            counts[k] += 1
        } else {
            increment(i, by: 1)
        }
    }

    /// Adds a whole number (a token count): below 4,096 at the default accuracy its bin is looked
    /// up, not computed with a logarithm (a log has a record's worth of cost).
    mutating func add(integer n: Int) {
        guard n >= 1, n < Self.integerBins.count, relativeAccuracy == 0.01 else { return add(Double(n)) }
        let value = Double(n)
        count += 1
        if min == nil || value < min! { min = value }
        if max == nil || value >= max! { max = value }
        let i = Self.integerBins[n]
        let k = i &- offset
        if k >= 0 && k < counts.count { counts[k] += 1 } else { increment(i, by: 1) }
    }

    /// The bin of each whole number below 4,096 at the default accuracy (0 for 0, never used).
    private static let integerBins: [Int] = {
        let sketch = DDSketch()
        return (0..<4096).map { $0 == 0 ? 0 : sketch.index(of: Double($0)) }
    }()

    private mutating func increment(_ i: Int, by n: Int) {
        if counts.isEmpty {
            offset = i
            counts = [0]
        } else if i < offset {
            counts.insert(contentsOf: repeatElement(0, count: offset - i), at: 0)
            offset = i
        } else if i >= offset + counts.count {
            counts.append(contentsOf: repeatElement(0, count: i - offset - counts.count + 1))
        }
        counts[i - offset] += n
    }

    /// Adds every value of `other`; both must have the same relative accuracy.
    mutating func merge(_ other: DDSketch) {
        precondition(relativeAccuracy == other.relativeAccuracy, "cannot merge sketches of different accuracy")
        for (k, c) in other.counts.enumerated() where c > 0 { increment(other.offset + k, by: c) }
        zeroCount += other.zeroCount
        count += other.count
        if let m = other.min { min = Swift.min(min ?? m, m) }
        if let m = other.max { max = Swift.max(max ?? m, m) }
    }

    /// The q-quantile (q in 0...1) within the relative accuracy, or nil when empty.
    ///
    /// Uses the lower rank `floor(q * (count - 1))`, so `quantile(0.5)` of [1, 2, 3, 4] is about 2.
    func quantile(_ q: Double) -> Double? {
        guard count > 0, let min, let max else { return nil }
        let rank = Int((Swift.min(Swift.max(q, 0), 1) * Double(count - 1)).rounded(.down))
        if rank < zeroCount { return min }
        var seen = zeroCount
        for (k, c) in counts.enumerated() where c > 0 {
            seen += c
            if seen > rank {
                let value = representative(ofBin: offset + k)
                return Swift.min(Swift.max(value, min), max)
            }
        }
        return max
    }

    /// The `rank`-th smallest value (1-based, `1...count`) within the relative accuracy, or nil
    /// when the rank is outside the sketch.
    func orderStatistic(_ rank: Int) -> Double? {
        guard rank >= 1, rank <= count, let min, let max else { return nil }
        if rank <= zeroCount { return min }
        var seen = zeroCount
        for (k, c) in counts.enumerated() where c > 0 {
            seen += c
            if seen >= rank { return Swift.min(Swift.max(representative(ofBin: offset + k), min), max) }
        }
        return max
    }

    /// Equal when they hold the same counts in the same bins (however the storage grew).
    static func == (a: DDSketch, b: DDSketch) -> Bool {
        a.relativeAccuracy == b.relativeAccuracy && a.zeroCount == b.zeroCount && a.count == b.count
            && a.min == b.min && a.max == b.max && a.bins == b.bins
    }

    func index(of value: Double) -> Int { Int((log(value) / logGamma).rounded(.up)) }

    /// The value bin `i` stands for: within the relative accuracy of every value in it.
    func representative(ofBin i: Int) -> Double { 2 * exp(Double(i) * logGamma) / (1 + exp(logGamma)) }

    /// The natural logs of the values, grouped by bin: the sample the latency tests rank.
    func logSample() -> WeightedSample {
        var values: [Double] = [], weights: [Int] = []
        if zeroCount > 0 { values.append(log(Self.minIndexable / 2)); weights.append(zeroCount) }
        for (k, c) in counts.enumerated() where c > 0 {
            values.append(log(representative(ofBin: offset + k)))
            weights.append(c)
        }
        return WeightedSample(sortedDistinct: values, weights: weights)
    }

    /// Whether every bin stands for a finite value above the zero bin's, and `min` and `max` are
    /// finite and agree with the bins: what a sketch read from a file must satisfy.
    var isPlausible: Bool {
        guard count <= JSONFieldReader.maxCount else { return false }
        if let min, let max, !(min.isFinite && max.isFinite && min >= 0) { return false }
        for (k, c) in counts.enumerated() where c > 0 {
            let value = representative(ofBin: offset + k)
            guard value.isFinite, value > Self.minIndexable / 2 else { return false }
        }
        return true
    }

    /// Rebuilds a sketch from stored parts (a baseline file); nil when they are inconsistent.
    init?(relativeAccuracy: Double, bins: [Int: Int], zeroCount: Int, min: Double?, max: Double?) {
        guard relativeAccuracy > 0, relativeAccuracy < 1, zeroCount >= 0, bins.values.allSatisfy({ $0 > 0 }) else { return nil }
        self.init(relativeAccuracy: relativeAccuracy)
        for (i, c) in bins.sorted(by: { $0.key < $1.key }) { increment(i, by: c) }
        self.zeroCount = zeroCount
        self.count = bins.values.reduce(zeroCount, +)
        guard (count == 0) == (min == nil && max == nil) else { return nil }
        if let min, let max, min > max { return nil }
        self.min = min
        self.max = max
    }
}
