#if canImport(Glibc)
import Glibc
#endif

/// How this process asks glibc's malloc to place big blocks.
///
/// By default glibc maps each block over 128 KiB with its own `mmap` and unmaps it when freed (the
/// threshold then rises as such blocks are freed). A gate's big blocks (run tables of megabytes,
/// 1 MiB read buffers, tables that grow) then cost fresh zero-filled pages on every allocation,
/// and each free a `munmap`, which interrupts the other reading threads to flush their TLBs.
/// Blocks up to 32 MiB (the most glibc allows) come from the heap instead, where freed memory is
/// reused: fewer page faults and `munmap` calls, so the reading threads are interrupted less, for
/// a peak memory about a megabyte higher (freed blocks stay in the heap).
enum MallocTuning {
    /// Raises glibc's mmap threshold to 32 MiB (`mallopt(M_MMAP_THRESHOLD, ...)`); nothing where
    /// there is no glibc.
    static func keepBigBlocksInTheHeap() {
        #if canImport(Glibc)
        // Found at run time: Swift's Glibc module does not declare `mallopt` (from <malloc.h>).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }   // nil: RTLD_DEFAULT
        let mMmapThreshold: Int32 = -3
        _ = unsafeBitCast(symbol, to: Mallopt.self)(mMmapThreshold, 32 << 20)
        #endif
    }
}
