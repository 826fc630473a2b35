import Testing
@testable import RegressionKit

/// The run and case table: every key its own slot, found again by its bytes, across growth and merges.
@Suite("ByteTable")
struct ByteTableTests {
    /// Keys of every length around the inline limit (15 bytes), sharing prefixes and differing
    /// only in their last byte, in a trailing zero byte, or in length.
    static func keys(count: Int, seed: UInt64) -> [[UInt8]] {
        var rng = SplitMix64(seed: seed)
        var keys: [[UInt8]] = [[], [0], [0, 0], Array("a".utf8), Array("a\u{0}".utf8)]
        for i in 0..<count {
            let length = [1, 7, 8, 9, 14, 15, 16, 17, 36, 64][i % 10]
            var key = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next() % 3 + 0x61) }
            if i % 7 == 0 { key[length - 1] = UInt8(truncatingIfNeeded: i) }
            keys.append(key)
        }
        return keys
    }

    func count(_ table: inout ByteTable<Int32>, _ key: [UInt8]) {
        let slot = key.withUnsafeBufferPointer { table.slot(for: $0) }
        table[slot: slot] += 1
    }

    @Test func countsMatchADictionaryOfByteArrays() {
        var table = ByteTable<Int32>(empty: 0, capacity: 4)
        var reference: [[UInt8]: Int32] = [:]
        for key in Self.keys(count: 20_000, seed: 1) + Self.keys(count: 5_000, seed: 1) {
            count(&table, key)
            reference[key, default: 0] += 1
        }
        var seen: [[UInt8]: Int32] = [:]
        table.forEach { key, value in seen[Array(key)] = value }
        #expect(table.count == reference.count)
        #expect(seen == reference)
        for (key, value) in reference {
            let slot = key.withUnsafeBufferPointer { table.existingSlot(for: $0) }
            #expect(slot.map { table[slot: $0] } == value)
        }
        let absent = Array("not a key of the table, long enough for the arena".utf8)
        #expect(absent.withUnsafeBufferPointer { table.existingSlot(for: $0) } == nil)
    }

    @Test func theSameKeyTwiceInARowIsTheSameSlot() {
        var table = ByteTable<Int32>(empty: 0)
        let short = Array("52e6b438".utf8), long = Array("0b9d6f0e-3f0c-4a55-9d0f-6f1c7b2a9e41".utf8)
        for key in [short, short, long, long, short] { count(&table, key) }
        #expect(table.count == 2)
        #expect(short.withUnsafeBufferPointer { table.existingSlot(for: $0) }.map { table[slot: $0] } == 3)
        #expect(long.withUnsafeBufferPointer { table.existingSlot(for: $0) }.map { table[slot: $0] } == 2)
    }

    @Test func reservingKeepsEveryKey() {
        var table = ByteTable<Int32>(empty: 0)
        let keys = Self.keys(count: 1_000, seed: 2)
        keys.forEach { count(&table, $0) }
        let before = table.count
        table.reserve(100_000)
        var seen = 0
        table.forEach { key, _ in
            seen += 1
            #expect(table.existingSlot(for: key) != nil)
        }
        #expect(seen == before)
    }

    @Test func mergingAddsUpLikeDictionariesOfByteArrays() {
        // Overlapping key sets (seed 3 in both), inline and arena keys, and a merged table that
        // has to grow several times.
        var first = ByteTable<Int32>(empty: 0), second = ByteTable<Int32>(empty: 0, capacity: 4)
        var reference: [[UInt8]: Int32] = [:]
        for key in Self.keys(count: 3_000, seed: 3) + Self.keys(count: 500, seed: 4) {
            count(&first, key)
            reference[key, default: 0] += 1
        }
        for key in Self.keys(count: 9_000, seed: 3) + Self.keys(count: 800, seed: 5) {
            count(&second, key)
            count(&second, key)
            reference[key, default: 0] += 2
        }
        first.merge(second) { value, other in value += other }
        var seen: [[UInt8]: Int32] = [:]
        first.forEach { key, value in seen[Array(key)] = value }
        #expect(first.count == reference.count)
        #expect(seen == reference)
        for (key, value) in reference {
            #expect(key.withUnsafeBufferPointer { first.existingSlot(for: $0) }.map { first[slot: $0] } == value)
        }
        let new = Array("a key added after the merge, for the arena".utf8)
        count(&first, new)
        #expect(new.withUnsafeBufferPointer { first.existingSlot(for: $0) }.map { first[slot: $0] } == 1)
    }
}
