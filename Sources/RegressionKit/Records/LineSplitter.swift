import Foundation

/// Splits a file descriptor's bytes into lines (without their `\n`), in 1 MiB reads.
///
/// Memory is bounded by the longest line, capped at `LogReader.maxLineBytes`: a longer line is
/// reported through `onOverlong` and skipped, never buffered whole.
struct LineSplitter {
    static let chunkSize = 1 << 20

    /// Reads `fd` from `start` until `end` (a byte offset at a line start, read with `pread`), or
    /// until end of file when `end` is nil (plain `read`, which also serves pipes).
    static func split(
        fd: Int32, start: Int = 0, end: Int? = nil, source: String,
        onLine: (UnsafeBufferPointer<UInt8>) throws -> Void, onOverlong: () throws -> Void,
        onChunk: (_ bytesRead: Int) -> Void = { _ in }
    ) throws {
        var pending: [UInt8] = []       // a line split across reads
        var overlong = false            // discarding the rest of a too-long line
        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }
        var offset = start
        while true {
            let want = end.map { min(chunkSize, $0 - offset) } ?? chunkSize
            if want <= 0 { break }
            let n = end == nil ? Foundation.read(fd, chunk.baseAddress, want) : pread(fd, chunk.baseAddress, want, off_t(offset))
            if n < 0 {
                if errno == EINTR { continue }
                throw LogReadError.readFailed(source: source, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            offset += n
            let data = UnsafeBufferPointer(rebasing: chunk[0..<n])
            var lineStart = 0
            while lineStart < n {
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
        var probe = [UInt8](repeating: 0, count: 1 << 16)
        for k in 1..<parts {
            var at = max(cuts.last!, size * k / parts)
            var found: Int?
            while found == nil, at < size {
                let n = probe.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(at)) }
                if n <= 0 { break }
                if let i = probe[0..<n].firstIndex(of: 0x0A) { found = at + i + 1 } else { at += n }
            }
            guard let cut = found, cut < size, cut > cuts.last! else { break }
            cuts.append(cut)
        }
        cuts.append(size)
        return cuts
    }
}
