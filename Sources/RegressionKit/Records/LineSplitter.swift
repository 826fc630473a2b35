import Foundation

/// Splits a file descriptor's bytes into lines (without their `\n`), in 1 MiB reads.
///
/// Memory is bounded by the longest line, capped at `LogReader.maxLineBytes`: a longer line is
/// reported through `onOverlong` and skipped, never buffered whole.
struct LineSplitter {
    static let chunkSize = 1 << 20

    /// Reads `fd` from where it is until end of file, with plain `read` (which also serves pipes).
    static func split(
        fd: Int32, source: String, head: [UInt8] = [],
        onLine: (UnsafeBufferPointer<UInt8>) throws -> Void, onOverlong: () throws -> Void,
        onChunk: (_ bytesRead: Int) -> Void = { _ in }
    ) throws {
        try split(fd: fd, start: 0, claim: nil, source: source, head: head, onLine: onLine, onOverlong: onOverlong, onChunk: onChunk)
    }

    /// Reads `fd` from offset `start` with `pread`, each read as long as `claim(offset, chunkSize)`
    /// allows (0 ends the range, which must end at a line start; see `PieceBoard`), or from where
    /// it is until end of file with plain `read` when `claim` is nil, after the bytes `head` (a
    /// pipe's first bytes, already read to tell its format).
    ///
    /// `onText` is offered the rest of the read at each line start first: when it takes the line
    /// there, it returns the line's length (its `\n` is at that offset), and the line is not
    /// searched for nor passed to `onLine`; nil passes the line on as usual. (Not optional: an
    /// optional closure escapes, and the state it captures would be checked for exclusive access
    /// on every line.)
    static func split(
        fd: Int32, start: Int, claim: ((_ offset: Int, _ want: Int) -> Int)?, chunkSize: Int = LineSplitter.chunkSize,
        source: String, head: [UInt8] = [],
        onText: (UnsafeBufferPointer<UInt8>) throws -> Int? = { _ in nil },
        onLine: (UnsafeBufferPointer<UInt8>) throws -> Void, onOverlong: () throws -> Void,
        onChunk: (_ bytesRead: Int) -> Void = { _ in }
    ) throws {
        var pending: [UInt8] = []       // a line split across reads
        var overlong = false            // discarding the rest of a too-long line
        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }
        var offset = start
        var replay = head[...]
        while true {
            let want = claim.map { $0(offset, chunkSize) } ?? chunkSize
            if want <= 0 { break }
            let n: Int
            if !replay.isEmpty {
                n = min(want, replay.count)
                _ = UnsafeMutableBufferPointer(rebasing: chunk[0..<n]).initialize(from: replay.prefix(n))
                replay = replay.dropFirst(n)
            } else {
                n = claim == nil ? Foundation.read(fd, chunk.baseAddress, want) : pread(fd, chunk.baseAddress, want, off_t(offset))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw LogReadError.readFailed(source: source, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            offset += n
            let data = UnsafeBufferPointer(rebasing: chunk[0..<n])
            var lineStart = 0
            while lineStart < n {
                if pending.isEmpty, !overlong, let length = try onText(UnsafeBufferPointer(rebasing: data[lineStart..<n])) {
                    lineStart += length + 1
                    continue
                }
                let base = data.baseAddress! + lineStart
                guard let hit = memchr(base, 0x0A, n - lineStart) else {
                    // No newline in the rest of this read: keep it for the next.
                    if !overlong {
                        pending.append(contentsOf: UnsafeBufferPointer(rebasing: data[lineStart..<n]))
                        if pending.count > LogReader.maxLineBytes { overlong = true; pending = [] }
                    }
                    break
                }
                let lineEnd = lineStart + (UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base)
                if overlong {
                    overlong = false
                    try onOverlong()
                } else if pending.isEmpty {
                    try onLine(UnsafeBufferPointer(rebasing: data[lineStart..<lineEnd]))
                } else {
                    pending.append(contentsOf: UnsafeBufferPointer(rebasing: data[lineStart..<lineEnd]))
                    if pending.count > LogReader.maxLineBytes {
                        pending = []
                        try onOverlong()
                    } else {
                        try pending.withUnsafeBufferPointer { try onLine($0) }
                        pending.removeAll(keepingCapacity: pending.capacity <= 1 << 16)
                    }
                }
                lineStart = lineEnd + 1
            }
            onChunk(offset - start)
        }
        if overlong {
            try onOverlong()
        } else if !pending.isEmpty {
            try pending.withUnsafeBufferPointer { try onLine($0) }
        }
    }

    /// Offsets that cut the byte range `0..<size` of `fd` into about `parts` pieces, each starting
    /// just after a newline: `[0, c1, ..., size]`.
    static func cuts(fd: Int32, size: Int, parts: Int) -> [Int] {
        var cuts = [0]
        for k in 1..<parts {
            guard let cut = lineStart(fd: fd, atOrAfter: max(cuts.last!, size * k / parts), before: size),
                  cut > cuts.last! else { break }
            cuts.append(cut)
        }
        cuts.append(size)
        return cuts
    }

    /// The offset just after the first newline at or after `offset`, if it is before `end`.
    static func lineStart(fd: Int32, atOrAfter offset: Int, before end: Int) -> Int? {
        var probe = [UInt8](repeating: 0, count: 1 << 16)
        var at = offset
        while at < end {
            let n = probe.withUnsafeMutableBytes { pread(fd, $0.baseAddress, min($0.count, end - at), off_t(at)) }
            if n <= 0 { return nil }
            if let i = probe[0..<n].firstIndex(of: 0x0A) { return at + i + 1 < end ? at + i + 1 : nil }
            at += n
        }
        return nil
    }
}
