#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
import _Builtin_intrinsics.intel
#endif

/// The plain run of a JSON string's content: the bytes up to the first one that ends the run, a
/// quote, a backslash or a control character (below 0x20), and where its first non-ASCII byte is.
///
/// Its functions are `@_transparent` so that they are inlined into each string scanner of the
/// log reader's fast path whatever the size of the function they end up in (see
/// `FailureForensicsLayout.scanObject`).
///
/// On x86-64 it looks at 16 bytes at a time with SSE2 (always there on x86-64): three compares
/// and two `pmovmskb` give a bit per byte for "ends the run" and for "non-ASCII", and the lowest
/// set bit is the answer. Elsewhere, and for a line shorter than 16 bytes, it looks at 8 bytes at
/// a time in a 64-bit word.
struct StringRun {
    /// Offset of the byte that ends the run, or the buffer's length when no byte does.
    var end: Int
    /// Offset of the first byte at or above 0x80 in the run, or `end` when the run is ASCII.
    var firstNonASCII: Int

    /// The run in `base[..<count]` that starts at `start` (a `start` at or past `count` gives an
    /// empty run there). Reads only bytes of `base[..<count]`.
    @_transparent
    static func find(in base: UnsafePointer<UInt8>, from start: Int, count n: Int) -> StringRun {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        if n >= 16 { return findSSE2(in: base, from: start, count: n) }
        #endif
        return findSWAR(in: base, from: start, count: n)
    }

    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    /// `find` for a buffer of at least 16 bytes: whole blocks, then the last 16 bytes of the
    /// buffer (overlapping bytes already seen, whose bits are shifted out) for the rest.
    @_transparent
    private static func findSSE2(in base: UnsafePointer<UInt8>, from start: Int, count n: Int) -> StringRun {
        var i = start
        var firstHigh = -1
        while i + 16 <= n {
            let (ends, high) = masks(UnsafeRawPointer(base + i))
            if ends != 0 { return run(at: i, ends: ends, high: high, firstHigh: firstHigh) }
            if firstHigh < 0 && high != 0 { firstHigh = i + high.trailingZeroBitCount }
            i += 16
        }
        guard i < n else { return StringRun(end: i, firstNonASCII: firstHigh < 0 ? i : firstHigh) }
        let skip = UInt32(i - (n - 16))   // bytes of the last block before `i`: 1...15
        let (ends, high) = masks(UnsafeRawPointer(base + n - 16))
        return run(at: i, ends: ends >> skip | 1 << (16 - skip), high: high >> skip, firstHigh: firstHigh)
    }

    /// The run ending at the lowest set bit of `ends`, for a block at `i` with non-ASCII bytes at
    /// the set bits of `high`.
    @_transparent
    private static func run(at i: Int, ends: UInt32, high: UInt32, firstHigh: Int) -> StringRun {
        let k = ends.trailingZeroBitCount
        if firstHigh >= 0 { return StringRun(end: i + k, firstNonASCII: firstHigh) }
        let before = high & ((1 << UInt32(k)) &- 1)
        return StringRun(end: i + k, firstNonASCII: before != 0 ? i + before.trailingZeroBitCount : i + k)
    }

    /// For the 16 bytes at `p`: a bit per byte that is a quote, a backslash or below 0x20, and a
    /// bit per byte at or above 0x80.
    @_transparent
    private static func masks(_ p: UnsafeRawPointer) -> (ends: UInt32, high: UInt32) {
        let v = unsafeBitCast(p.loadUnaligned(as: SIMD16<UInt8>.self), to: __m128i.self)
        let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x22))
        let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x5C))
        let control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v)   // v <= 0x1F, unsigned
        let ends = _mm_or_si128(_mm_or_si128(quote, backslash), control)
        return (UInt32(truncatingIfNeeded: _mm_movemask_epi8(ends)), UInt32(truncatingIfNeeded: _mm_movemask_epi8(v)))
    }
    #endif

    /// `find` eight bytes at a time in a 64-bit word, then byte by byte for the last few.
    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    @inline(never)   // only for buffers under 16 bytes here: kept out of the SSE2 path's callers
    #else
    @inline(__always)
    #endif
    static func findSWAR(in base: UnsafePointer<UInt8>, from start: Int, count n: Int) -> StringRun {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = start
        var firstHigh = -1
        while i + 8 <= n {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let quote = word ^ (ones &* 0x22), slash = word ^ (ones &* 0x5C)
            // A byte's high bit is set when it is zero (quote, slash) or below 0x20 and ASCII; the
            // lowest such byte is exact (borrows only run upwards).
            let ends = (((quote &- ones) & ~quote) | ((slash &- ones) & ~slash) | ((word &- ones &* 0x20) & ~word)) & ~word & highs
            let high = word & highs
            if ends != 0 {
                let k = ends.trailingZeroBitCount / 8
                if firstHigh < 0 {
                    let before = high & ((1 << UInt64(8 * k)) &- 1)
                    firstHigh = before != 0 ? i + before.trailingZeroBitCount / 8 : -1
                }
                return StringRun(end: i + k, firstNonASCII: firstHigh < 0 ? i + k : firstHigh)
            }
            if firstHigh < 0 && high != 0 { firstHigh = i + high.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < n {
            let b = base[i]
            if b == 0x22 || b == 0x5C || b < 0x20 { break }
            if firstHigh < 0 && b >= 0x80 { firstHigh = i }
            i += 1
        }
        return StringRun(end: i, firstNonASCII: firstHigh < 0 ? i : firstHigh)
    }
}
