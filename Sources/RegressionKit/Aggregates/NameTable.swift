import Foundation

/// Names (versions, steps) as UTF-8 in order of first appearance, found in a scanned line without
/// decoding it. Logs come in long stretches of one name, so the last one found is tried first.
///
/// A name of up to 15 bytes (nearly every version and step) is also kept as two words
/// (`inlineKeyWords`), so that finding it is two word compares, not a loop over bytes.
struct NameTable: Sendable {
    private(set) var names: [[UInt8]] = []
    /// `inlineKeyWords` of each name, or (0, 0), which no short name has, for a longer one.
    private var words: [(UInt64, UInt64)] = []
    private var last = -1

    /// The index of `s`'s text, or nil when it is new.
    @inline(__always)
    mutating func index(of s: RawString, in raw: RawStepRecord) -> Int? {
        guard !s.hasEscapes, s.end - s.start <= 15 else { return slowIndex(of: s, in: raw) }
        let key = raw.withBytes(s) { inlineKeyWords($0) }
        if last >= 0, words[last] == key { return last }
        for k in words.indices where words[k] == key {
            last = k
            return k
        }
        return nil
    }

    /// `index(of:in:)` for a long name or one written with escapes: compared byte by byte.
    private mutating func slowIndex(of s: RawString, in raw: RawStepRecord) -> Int? {
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
        words.append(bytes.count <= 15 ? bytes.withUnsafeBufferPointer { inlineKeyWords($0) } : (0, 0))
        last = names.count - 1
        return last
    }

    /// The index of `bytes` without adding it.
    func firstIndex(of bytes: [UInt8]) -> Int? { names.firstIndex(of: bytes) }

    /// Name `k` as text.
    func name(_ k: Int) -> String { String(decoding: names[k], as: UTF8.self) }
}
