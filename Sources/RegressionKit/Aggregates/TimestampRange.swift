import Foundation

/// The earliest and latest timestamp seen, compared as bytes (ISO 8601 with one offset sorts in
/// time order); copied only when one changes.
///
/// Each is also kept as the big-endian words of its first 24 bytes (`Key`), which decide nearly
/// every comparison without a call to `memcmp`: timestamps a record apart differ within
/// `2026-11-01T08:00:00.123`.
struct TimestampRange: Sendable, Equatable {
    private(set) var first: [UInt8]?
    private(set) var last: [UInt8]?
    private var firstKey = Key(), lastKey = Key()

    mutating func note(_ bytes: UnsafeBufferPointer<UInt8>) {
        let key = Key(bytes)
        if first.map({ Self.compare(bytes, key, $0, firstKey) < 0 }) ?? true {
            Self.store(bytes, in: &first)
            firstKey = key
        }
        if last.map({ Self.compare(bytes, key, $0, lastKey) > 0 }) ?? true {
            Self.store(bytes, in: &last)
            lastKey = key
        }
    }

    mutating func note(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { note($0) }
    }

    mutating func merge(_ other: TimestampRange) {
        if let t = other.first { note(t) }
        if let t = other.last { note(t) }
    }

    /// Keeps a copy of `bytes`, in the buffer already there when the length is the same (timestamps
    /// mostly increase, so `last` changes nearly every record).
    private static func store(_ bytes: UnsafeBufferPointer<UInt8>, in slot: inout [UInt8]?) {
        guard slot?.count == bytes.count, !bytes.isEmpty else { slot = Array(bytes); return }
        slot!.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: bytes.baseAddress!, count: bytes.count) }
    }

    /// Byte order, `a` (with its key) against `b`: negative when `a` comes first, a prefix before
    /// what it starts.
    @inline(__always)
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ aKey: Key, _ b: [UInt8], _ bKey: Key) -> Int {
        if aKey != bKey { return aKey < bKey ? -1 : 1 }
        return b.withUnsafeBufferPointer { b in
            let n = min(a.count, b.count)
            let c = n == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, n)
            return c != 0 ? Int(c) : a.count - b.count
        }
    }

    /// The first 24 bytes of a timestamp as big-endian words, zero bytes past its end. Keys order
    /// as the bytes do wherever they differ: at a byte both have, by that byte; past the end of
    /// the shorter, by its zero padding against a byte that is not zero, so a prefix comes first.
    /// Equal keys leave the order to the bytes.
    struct Key: Sendable, Equatable, Comparable {
        var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0

        init() {}

        @inline(__always)
        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            if bytes.count >= 24 {
                let p = UnsafeRawPointer(bytes.baseAddress!)
                w0 = UInt64(bigEndian: p.loadUnaligned(as: UInt64.self))
                w1 = UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                w2 = UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
                return
            }
            var padded: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeMutableBytes(of: &padded) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
            (w0, w1, w2) = (UInt64(bigEndian: padded.0), UInt64(bigEndian: padded.1), UInt64(bigEndian: padded.2))
        }

        static func < (a: Key, b: Key) -> Bool { (a.w0, a.w1, a.w2) < (b.w0, b.w1, b.w2) }
    }
}
