/// Names (versions, steps) as UTF-8 in order of first appearance, found in a scanned line without
/// decoding it. Logs come in long stretches of one name, so the last one found is tried first.
struct NameTable: Sendable {
    private(set) var names: [[UInt8]] = []
    private var last = -1

    /// The index of `s`'s text, or nil when it is new.
    mutating func index(of s: RawString, in raw: RawStepRecord) -> Int? {
        if last >= 0, raw.equals(s, names[last]) { return last }
        for (k, name) in names.enumerated() where raw.equals(s, name) {
            last = k
            return k
        }
        return nil
    }

    /// The index of `bytes`, added at the end when new.
    mutating func index(of bytes: [UInt8]) -> Int {
        if let k = names.firstIndex(of: bytes) { last = k; return k }
        names.append(bytes)
        last = names.count - 1
        return last
    }

    /// The index of `bytes` without adding it.
    func firstIndex(of bytes: [UInt8]) -> Int? { names.firstIndex(of: bytes) }

    /// Name `k` as text.
    func name(_ k: Int) -> String { String(decoding: names[k], as: UTF8.self) }
}

/// The earliest and latest timestamp seen, compared as bytes (ISO 8601 with one offset sorts in
/// time order); copied only when one changes.
struct TimestampRange: Sendable, Equatable {
    private(set) var first: [UInt8]?
    private(set) var last: [UInt8]?

    mutating func note<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if first.map({ bytes.lexicographicallyPrecedes($0) }) ?? true { first = Array(bytes) }
        if last.map({ $0.lexicographicallyPrecedes(bytes) }) ?? true { last = Array(bytes) }
    }

    mutating func merge(_ other: TimestampRange) {
        if let t = other.first { note(t) }
        if let t = other.last { note(t) }
    }
}
