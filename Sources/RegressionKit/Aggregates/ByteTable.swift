import Foundation

/// A hash table keyed by byte strings (run ids, case keys): what the statistics look up once per
/// record, so it is built for that.
///
/// - Keys are compared as UTF-8 bytes (two ids that differ in bytes are different runs, as in
///   failure-forensics). Keys of up to 15 bytes live inside the slot; longer ones in one shared byte arena,
///   so no key costs an allocation.
/// - Open addressing with linear probing over a power-of-two array of 32-byte slots (for a 16-byte
///   value), at most 3/4 full: memory is what bounds a gate on a big log, and this is about half
///   of a `Dictionary` of `String` keys.
/// - Hashing is a seeded 128-bit multiply (wyhash's mix), a few instructions for a short id; the
///   seed is random per process, so crafted ids cannot make every key collide.
/// - The slot found last is tried first: a run's steps are logged one after another.
struct ByteTable<Value: Sendable>: Sendable {
    /// A key's two words and its value. `k1 == 0` marks an empty slot.
    ///
    /// Inline keys (n <= 15 bytes): `k0` = bytes 0..<8, `k1` = bytes 8..<15 | (n + 1) << 56.
    /// Arena keys: `k0` = arena offset << 24 | n, `k1` = 56 bits of the key's hash | 0xFF << 56.
    struct Slot: Sendable {
        var k0: UInt64
        var k1: UInt64
        var value: Value
    }

    private var slots: [Slot]
    private var arena: [UInt8] = []
    private var mask: Int
    private var shift: UInt64
    private var last = -1
    private let empty: Value
    /// Keys in the table.
    private(set) var count = 0

    /// An empty table whose new slots start as `empty`.
    init(empty: Value, capacity: Int = 64) {
        var size = 16
        while size * 3 / 4 < capacity { size *= 2 }
        self.empty = empty
        slots = Array(repeating: Slot(k0: 0, k1: 0, value: empty), count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    // MARK: Finding

    /// The slot of `key`, added (with the empty value) when new. Valid until the next insertion.
    @inline(__always)
    mutating func slot(for key: UnsafeBufferPointer<UInt8>) -> Int {
        let (k0, k1) = Self.words(key)
        if last >= 0, slots[last].k1 == k1, slots[last].k0 == k0 { return last }   // inline keys only: arena k0 differs
        return find(k0: k0, k1: k1, key: key)
    }

    /// `slot(for:)` of the key whose words (see `words`) are `k0` and `k1` (`key` is read only
    /// when it has more than 15 bytes).
    @inline(__always)
    mutating func slot(k0: UInt64, k1: UInt64, key: UnsafeBufferPointer<UInt8>) -> Int {
        if last >= 0, slots[last].k1 == k1, slots[last].k0 == k0 { return last }
        return find(k0: k0, k1: k1, key: key)
    }

    /// The second word of the slot where a lookup of the key with words `k0`, `k1` starts: a
    /// load, for callers that make several at once so that their waits for memory overlap.
    @inline(__always)
    func firstSlotWord(k0: UInt64, k1: UInt64) -> UInt64 {
        let i = index(k0: k0, k1: k1)
        return slots.withUnsafeBufferPointer { $0[i].k1 }
    }

    /// `slot(for:)` of `key`'s UTF-8 bytes.
    mutating func slot(for key: String) -> Int {
        var key = key
        return key.withUTF8 { slot(for: $0) }
    }

    /// `existingSlot(for:)` of `key`'s UTF-8 bytes.
    func existingSlot(for key: String) -> Int? {
        var key = key
        return key.withUTF8 { existingSlot(for: $0) }
    }

    /// The slot of `key` if present.
    func existingSlot(for key: UnsafeBufferPointer<UInt8>) -> Int? {
        let (k0, k1) = Self.words(key)
        var i = index(k0: k0, k1: k1)
        while true {
            let s = slots[i]
            if s.k1 == 0 { return nil }
            if s.k1 == k1, matches(s.k0, k0, key) { return i }
            i = (i + 1) & mask
        }
    }

    private mutating func find(k0: UInt64, k1: UInt64, key: UnsafeBufferPointer<UInt8>) -> Int {
        var i = index(k0: k0, k1: k1)
        while true {
            let s = slots[i]
            if s.k1 == 0 { break }
            if s.k1 == k1, matches(s.k0, k0, key) { last = i; return i }
            i = (i + 1) & mask
        }
        // New key.
        if (count + 1) > slots.count * 3 / 4 {
            grow(to: slots.count * 2)
            return find(k0: k0, k1: k1, key: key)
        }
        var stored = k0
        if k1 >> 56 == 0xFF {
            stored = UInt64(arena.count) << 24 | UInt64(key.count)
            arena.append(contentsOf: key)
        }
        slots[i] = Slot(k0: stored, k1: k1, value: empty)
        count += 1
        last = i
        return i
    }

    /// Whether stored `s0` is the key whose computed first word is `k0` (the second words are equal).
    @inline(__always)
    private func matches(_ s0: UInt64, _ k0: UInt64, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        if k0 == s0 { return true }        // inline keys: the words are the bytes
        guard Int(s0 & 0xFF_FFFF) == key.count, key.count > 15 else { return false }
        let offset = Int(s0 >> 24)
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + offset, key.baseAddress!, key.count) == 0 }
    }

    /// The slot array position where probing for a key starts.
    @inline(__always)
    private func index(k0: UInt64, k1: UInt64) -> Int {
        // Arena keys hash by k1 alone: k0 holds a table-specific offset.
        let a = k1 >> 56 == 0xFF ? 0 : k0
        let (high, low) = (a ^ Self.seed.0).multipliedFullWidth(by: k1 ^ Self.seed.1)
        return Int(truncatingIfNeeded: (high ^ low) >> shift) & mask
    }

    // MARK: Values

    /// The value in slot `i` (from `slot(for:)`).
    subscript(slot i: Int) -> Value {
        @inline(__always) get { slots[i].value }
        @inline(__always) set { slots[i].value = newValue }
    }

    /// Every value, in no particular order.
    func forEachValue(_ body: (Value) -> Void) {
        for s in slots where s.k1 != 0 { body(s.value) }
    }

    /// Every key (its bytes, valid during the call) and value, in no particular order.
    func forEach(_ body: (UnsafeBufferPointer<UInt8>, Value) -> Void) {
        for s in slots where s.k1 != 0 {
            withKey(s) { body($0, s.value) }
        }
    }

    private func withKey<R>(_ s: Slot, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if s.k1 >> 56 == 0xFF {
            let offset = Int(s.k0 >> 24), n = Int(s.k0 & 0xFF_FFFF)
            return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[offset..<offset + n])) }
        }
        var words = (s.k0, s.k1 & 0x00FF_FFFF_FFFF_FFFF)
        let n = Int(s.k1 >> 56) - 1
        return withUnsafeBytes(of: &words) { body(UnsafeBufferPointer(rebasing: $0.bindMemory(to: UInt8.self)[0..<n])) }
    }

    // MARK: Merging

    /// Adds every key of `other` (a table of this process), calling `combine` with the value here
    /// (`empty` for a new key) and `other`'s. Keys move as their stored words, without hashing
    /// their bytes again (a long key's words carry its hash, the same in every table of a process).
    mutating func merge(_ other: ByteTable, _ combine: (inout Value, Value) -> Void) {
        reserve(count + other.count)
        other.arena.withUnsafeBufferPointer { otherArena in
            for s in other.slots where s.k1 != 0 {
                let i: Int
                if s.k1 >> 56 == 0xFF {   // an arena key: its bytes are in the other table's arena
                    let offset = Int(s.k0 >> 24), n = Int(s.k0 & 0xFF_FFFF)
                    i = find(k0: 0, k1: s.k1, key: UnsafeBufferPointer(rebasing: otherArena[offset..<offset + n]))
                } else {                  // an inline key: its words are its bytes
                    i = find(k0: s.k0, k1: s.k1, key: UnsafeBufferPointer(start: nil, count: 0))
                }
                combine(&slots[i].value, s.value)
            }
        }
    }

    /// The keys of `other` this table also holds (their bytes).
    func sharedKeys(with other: ByteTable) -> [[UInt8]] {
        var shared: [[UInt8]] = []
        other.forEach { key, _ in if existingSlot(for: key) != nil { shared.append(Array(key)) } }
        return shared
    }

    /// `merge(_:_:)`, except that a key of `other` this table already holds is added as that key
    /// followed by `tag`, so that the two stay apart.
    mutating func merge(_ other: ByteTable, keepingApart tag: [UInt8], _ combine: (inout Value, Value) -> Void) {
        reserve(count + other.count)
        var apart: [([UInt8], Value)] = []
        other.forEach { key, value in
            if existingSlot(for: key) != nil { apart.append((Array(key) + tag, value)) }
        }
        let shared = Set(apart.map { Array($0.0.dropLast(tag.count)) })
        other.forEach { key, value in
            guard !shared.contains(Array(key)) else { return }
            let i = slot(for: key)
            combine(&slots[i].value, value)
        }
        for (key, value) in apart {
            let i = key.withUnsafeBufferPointer { slot(for: $0) }
            combine(&slots[i].value, value)
        }
    }

    /// Makes room for `total` keys without growing again.
    mutating func reserve(_ total: Int) {
        var size = slots.count
        while size * 3 / 4 < total { size *= 2 }
        if size > slots.count { grow(to: size) }
    }

    private mutating func grow(to size: Int) {
        let old = slots
        slots = Array(repeating: Slot(k0: 0, k1: 0, value: empty), count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        last = -1
        for s in old where s.k1 != 0 {
            var i = index(k0: s.k0, k1: s.k1)
            while slots[i].k1 != 0 { i = (i + 1) & mask }
            slots[i] = s
        }
    }

    // MARK: Keys as words

    private static var seed: (UInt64, UInt64) { ByteTableSeed.value }

    /// A key's two words (see `Slot`); for a long key the second holds its hash.
    @inline(__always)
    static func words(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        guard key.count <= 15 else { return (0, hashWord(key) | 0xFF << 56) }
        return inlineKeyWords(key)
    }

    /// 56 bits of a long key's seeded hash.
    private static func hashWord(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let base = UnsafeRawPointer(key.baseAddress!)
        let n = key.count
        var h = seed.0 ^ UInt64(n)
        var i = 0
        while i + 8 <= n {
            let (high, low) = (h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)).multipliedFullWidth(by: seed.1)
            h = high ^ low
            i += 8
        }
        if i < n {   // the last eight bytes again, overlapping: n > 15, so they exist
            let (high, low) = (h ^ base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)).multipliedFullWidth(by: seed.1 ^ 0x9E37_79B9_7F4A_7C15)
            h = high ^ low
        }
        return h & 0x00FF_FFFF_FFFF_FFFF
    }
}

/// A key of at most 15 bytes as two words, as `ByteTable` keeps it inline: bytes 0..<8, then
/// bytes 8..<n with n + 1 in the top byte, so that keys that differ only in length or in trailing
/// zero bytes differ. Equal words, equal bytes; the second word is never 0.
@inline(__always)
func inlineKeyWords(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
    let n = key.count
    guard n > 0 else { return (0, 1 << 56) }
    let base = UnsafeRawPointer(key.baseAddress!)
    if n >= 8 {
        let k0 = base.loadUnaligned(as: UInt64.self)
        // Bytes 8..<n: the last eight bytes, shifted past those already in k0.
        let tail = n == 8 ? 0 : base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> UInt64(8 * (16 - n))
        return (k0, tail | UInt64(n + 1) << 56)
    }
    var k0: UInt64 = 0
    for i in 0..<n { k0 |= UInt64(key[i]) << UInt64(8 * i) }
    return (k0, UInt64(n + 1) << 56)
}

/// The process's hash seed for `ByteTable`: random, so that no log can be crafted to collide every
/// key; one per process, so tables merge long keys by their stored hashes.
private enum ByteTableSeed {
    static let value: (UInt64, UInt64) = (UInt64.random(in: 1...UInt64.max) | 1, UInt64.random(in: 1...UInt64.max) | 1)
}
