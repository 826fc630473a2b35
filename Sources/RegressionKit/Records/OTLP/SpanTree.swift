/// The parent–child links of one trace's spans, by index into them. A trace has a handful of
/// spans, so ids are matched by a linear search up to a few dozen (no hashing, no allocation
/// per span) and through a dictionary above that.
struct SpanTree {
    /// Traces with more spans than this match ids through a dictionary.
    static let linearLimit = 32

    /// Each span's parent's index; -1 when it has none or its parent is not in the trace.
    let parent: [Int]
    /// The children of span `k` are `childList[childStart[k]..<childStart[k + 1]]`, in index order.
    private let childStart: [Int]
    private let childList: [Int]

    /// The links of `spans`, whose ids are unique (see `unique`).
    init(_ spans: SpansInStartOrder) {
        let n = spans.count
        var parent = [Int](repeating: -1, count: n)
        if n <= Self.linearLimit {
            for i in 0..<n {
                guard let id = spans[i].parentSpanID else { continue }
                for j in 0..<n where spans[j].spanID == id { parent[i] = j; break }
            }
        } else {
            var index = [SpanID: Int](minimumCapacity: n)
            for i in 0..<n { index[spans[i].spanID] = i }
            for i in 0..<n { parent[i] = spans[i].parentSpanID.flatMap { index[$0] } ?? -1 }
        }
        // Children grouped by parent with a counting sort: two arrays for the whole trace.
        var start = [Int](repeating: 0, count: n + 1)
        for p in parent where p >= 0 { start[p + 1] += 1 }
        for k in 0..<n { start[k + 1] += start[k] }
        var next = start
        var list = [Int](repeating: 0, count: start[n])
        for i in 0..<n where parent[i] >= 0 {
            list[next[parent[i]]] = i
            next[parent[i]] += 1
        }
        self.parent = parent
        childStart = start
        childList = list
    }

    /// The children of span `k`, in index order.
    func children(of k: Int) -> ArraySlice<Int> { childList[childStart[k]..<childStart[k + 1]] }

    /// Every span below `k`, parents before their children, each once; iterative, so a deep tree
    /// cannot exhaust the stack. (A span has one parent, so only a cycle through `k` could lead
    /// back to a span already listed: the walk stops there.)
    func descendants(of k: Int) -> [Int] {
        var out = Array(children(of: k))
        var head = 0
        while head < out.count, out.count <= parent.count {
            out += children(of: out[head])
            head += 1
        }
        return out.count <= parent.count ? out : Self.uniqueIndexes(out)
    }

    private static func uniqueIndexes(_ indexes: [Int]) -> [Int] {
        var seen = Set<Int>()
        return indexes.filter { seen.insert($0).inserted }
    }

    /// `spans` with one span per id, the first read, in the order read (an export retried
    /// writes a span twice).
    static func unique(_ spans: [GatheredSpan]) -> [GatheredSpan] {
        if spans.count <= linearLimit {
            var duplicate = false
            for i in spans.indices where !duplicate {
                for j in spans.indices[..<i] where spans[j].spanID == spans[i].spanID { duplicate = true; break }
            }
            guard duplicate else { return spans }
        }
        var seen = Set<SpanID>()
        return spans.filter { seen.insert($0.spanID).inserted }
    }
}

/// One trace's spans in start order (ties in the order read), through a list of indexes: the
/// spans are not copied, as a sorted copy would retain every string and list each span holds.
struct SpansInStartOrder: RandomAccessCollection {
    private let spans: [GatheredSpan]
    private let order: [Int]

    init(_ spans: [GatheredSpan]) {
        self.spans = spans
        order = spans.indices.sorted {
            (spans[$0].startTimeUnixNano, spans[$0].sequence) < (spans[$1].startTimeUnixNano, spans[$1].sequence)
        }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { order.count }

    /// The span `position`th in start order, lent, not copied.
    subscript(position: Int) -> GatheredSpan {
        _read { yield spans[order[position]] }
    }
}
