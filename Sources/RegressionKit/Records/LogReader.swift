import Foundation

/// What a read of logs saw: the counts a report shows so that nothing is lost silently.
public struct LogReadSummary: Sendable, Equatable {
    /// Every source read, in order, as given (`-` for standard input).
    public var sources: [String] = []
    /// Lines read, empty ones included.
    public var lines = 0
    /// Valid records handed on.
    public var records = 0
    /// Blank lines skipped.
    public var emptyLines = 0
    /// Invalid lines skipped under `maxBadLines`.
    public var badLines = 0

    public init() {}
}

/// Reads JSONL step logs as a stream: one record at a time, memory bounded by the longest line.
///
/// ```swift
/// var stats = StatsAccumulator()
/// let summary = try LogReader(sources: [.file("requests.jsonl")])
///     .read { stats.add($0) } onBadLine: { print($0) }
/// ```
/// Blank lines are skipped, a missing final newline is fine, CRLF endings and a leading
/// byte-order mark are accepted. A line that is not a valid record stops the read with
/// `LogReadError.badLine` unless `maxBadLines` tolerates it; tolerated lines are still
/// passed to `onBadLine` and counted.
public struct LogReader: Sendable {
    /// The longest line accepted, in bytes; longer lines are bad lines (a record is under a few KB).
    public static let maxLineBytes = 16 << 20

    /// The logs, read in this order.
    public var sources: [LogSource]
    /// How many invalid lines to skip (each reported) before the read fails; 0 fails on the first.
    public var maxBadLines: Int

    /// Creates a reader of `sources` that tolerates up to `maxBadLines` invalid lines.
    public init(sources: [LogSource], maxBadLines: Int = 0) {
        self.sources = sources
        self.maxBadLines = maxBadLines
    }

    /// Reads every source, calling `body` for each valid record, `onBadLine` for each tolerated
    /// bad line, and `onProgress` after each chunk (1 MiB) read.
    @discardableResult
    public func read(
        _ body: (StepRecord) throws -> Void,
        onBadLine: (LogLineError) -> Void = { _ in },
        onProgress: (LogReadProgress) -> Void = { _ in }
    ) throws -> LogReadSummary {
        var summary = LogReadSummary()
        for source in sources {
            summary.sources.append(source.description)
            try read(source, into: &summary, body, onBadLine: onBadLine, onProgress: onProgress)
        }
        return summary
    }

    private func read(
        _ source: LogSource, into summary: inout LogReadSummary,
        _ body: (StepRecord) throws -> Void, onBadLine: (LogLineError) -> Void,
        onProgress: (LogReadProgress) -> Void
    ) throws {
        let name = source.description
        let fd: Int32
        switch source {
        case .standardInput: fd = STDIN_FILENO
        case .file(let path):
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                throw LogReadError.cannotOpen(source: name, reason: "it is a directory, not a file")
            }
            fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw LogReadError.cannotOpen(source: name, reason: String(cString: strerror(errno)))
            }
        }
        defer { if case .file = source { close(fd) } }
        var info = stat()
        let totalBytes = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
        var bytesRead = 0

        var lineNumber = 0
        var pending: [UInt8] = []       // a line split across chunks
        var overlong = false            // discarding the rest of a too-long line
        let chunkSize = 1 << 20
        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }

        func handle(_ line: UnsafeBufferPointer<UInt8>) throws {
            lineNumber += 1
            summary.lines += 1
            var line = line
            if lineNumber == 1, line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
                line = UnsafeBufferPointer(rebasing: line[3...])
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                summary.emptyLines += 1
                return
            }
            let record: StepRecord
            do throws(LogLineProblem) {
                record = try LogLineParser.parse(line)
            } catch {
                try bad(LogLineError(source: name, line: lineNumber, column: error.column, message: error.message))
                return
            }
            summary.records += 1
            try body(record)
        }

        func bad(_ error: LogLineError) throws {
            summary.badLines += 1
            if maxBadLines == 0 { throw LogReadError.badLine(error) }
            if summary.badLines > maxBadLines { throw LogReadError.tooManyBadLines(limit: maxBadLines, last: error) }
            onBadLine(error)
        }

        func tooLong() throws {
            lineNumber += 1
            summary.lines += 1
            try bad(LogLineError(source: name, line: lineNumber, column: nil,
                                 message: "line longer than \(Self.maxLineBytes >> 20) MiB; a step record is a few KB"))
        }

        while true {
            let n = Foundation.read(fd, chunk.baseAddress, chunkSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw LogReadError.readFailed(source: name, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            bytesRead += n
            defer { onProgress(LogReadProgress(source: name, bytesRead: bytesRead, totalBytes: totalBytes, records: summary.records)) }
            let data = UnsafeBufferPointer(rebasing: chunk[0..<n])
            var start = 0
            while start < n {
                let base = data.baseAddress! + start
                guard let hit = memchr(base, 0x0A, n - start) else {
                    // No newline in the rest of this chunk: keep it for the next read.
                    if !overlong {
                        pending.append(contentsOf: UnsafeBufferPointer(rebasing: data[start..<n]))
                        if pending.count > Self.maxLineBytes { overlong = true; pending = [] }
                    }
                    break
                }
                let end = start + (UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base)
                if overlong {
                    overlong = false
                    try tooLong()
                } else if pending.isEmpty {
                    try handle(UnsafeBufferPointer(rebasing: data[start..<end]))
                } else {
                    pending.append(contentsOf: UnsafeBufferPointer(rebasing: data[start..<end]))
                    if pending.count > Self.maxLineBytes {
                        pending = []
                        try tooLong()
                    } else {
                        try pending.withUnsafeBufferPointer { try handle($0) }
                        pending.removeAll(keepingCapacity: pending.capacity <= 1 << 16)
                    }
                }
                start = end + 1
            }
        }
        if overlong {
            try tooLong()
        } else if !pending.isEmpty {
            try pending.withUnsafeBufferPointer { try handle($0) }
        }
    }
}
