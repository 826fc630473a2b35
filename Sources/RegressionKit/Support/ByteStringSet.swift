import Foundation

/// A fixed set of byte strings, looked up by the bytes of a candidate with no allocation and no
/// reference counting: each entry is a plain value holding its length and its first and last 8
/// bytes as words, which settle most comparisons before the whole text is compared. Member and
/// attribute names are looked up this way for every member of every span.
///
/// The tables are raw buffers owned by the set, not arrays: an array read in a lookup is retained
/// and released, one atomic pair per member name. Never changed after `init`, so it is shared
/// across threads as it is.
final class ByteStringSet: @unchecked Sendable {
    private struct Entry {
        var head: UInt64
        var tail: UInt64
        /// Where the string's bytes start in `text`.
        var offset: Int
        /// The number the string was given.
        var value: Int
    }

    /// Sorted by length; those of length `n` are `entries[firstOfLength[n]..<firstOfLength[n + 1]]`.
    private let entries: UnsafeMutableBufferPointer<Entry>
    private let firstOfLength: UnsafeMutableBufferPointer<Int>
    /// Every string's bytes, end to end.
    private let text: UnsafeMutableBufferPointer<UInt8>

    /// The set of `strings`; `value(of:)` gives a string's place in this list.
    convenience init(_ strings: [String]) {
        self.init(Array(zip(strings, strings.indices)))
    }

    /// The set of the strings of `numbered`; `value(of:)` gives the number paired with a string.
    init(_ numbered: [(String, Int)]) {
        let byLength = numbered.sorted { $0.0.utf8.count < $1.0.utf8.count }
        let longest = numbered.map(\.0.utf8.count).max() ?? 0
        var text: [UInt8] = [], entries: [Entry] = []
        var first = [Int](repeating: 0, count: longest + 2)
        for (string, value) in byLength {
            let bytes = Array(string.utf8)
            let (head, tail) = bytes.withUnsafeBufferPointer { Self.words($0) }
            entries.append(Entry(head: head, tail: tail, offset: text.count, value: value))
            text += bytes
            first[bytes.count + 1] = entries.count
        }
        for n in 1..<first.count { first[n] = max(first[n], first[n - 1]) }
        self.entries = Self.copy(entries)
        self.firstOfLength = Self.copy(first)
        self.text = Self.copy(text)
    }

    deinit {
        entries.deallocate()
        firstOfLength.deallocate()
        text.deallocate()
    }

    private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, array.count))
        _ = buffer.initialize(from: array)
        return buffer
    }

    /// The number of the string spelled by `bytes` (its place in the list the set was made
    /// from, unless numbered otherwise); nil when it is none of them.
    @inline(__always)
    func value(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        guard n + 1 < firstOfLength.count else { return nil }
        let range = firstOfLength[n]..<firstOfLength[n + 1]
        guard !range.isEmpty else { return nil }
        let (head, tail) = Self.words(bytes)
        for k in range where entries[k].head == head && entries[k].tail == tail {
            // The words cover the first and last 8 bytes: only a longer string has more to compare.
            if n <= 16 || memcmp(text.baseAddress! + entries[k].offset + 8, bytes.baseAddress! + 8, n - 16) == 0 {
                return entries[k].value
            }
        }
        return nil
    }

    /// The first and last 8 bytes of `bytes` as words (fewer bytes: the same word, zero-padded).
    @inline(__always)
    private static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let n = bytes.count
        guard n >= 8 else {
            var word: UInt64 = 0
            for i in 0..<n { word |= UInt64(bytes[i]) << (8 * UInt64(i)) }
            return (word, word)
        }
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
    }
}
