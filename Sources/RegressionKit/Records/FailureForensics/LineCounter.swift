import Foundation

/// Thrown inside a shard to stop reading once it has more bad lines than could be tolerated.
private struct StopReading: Error {}

/// One piece of a file read into its own state, with its bad lines numbered from the piece's start.
struct Shard<State: LogAccumulator> {
    var state: State
    var lines: LineCounter
    var badLines: [LogLineError] = []

    /// Reads `fd` into this piece with `LineSplitter.split`: from `start` as far as `claim` allows,
    /// or to the end with plain `read` when `claim` is nil. Stops early, without an error, once the
    /// piece has more than `maxBadLines` bad lines (the caller's policy then fails the read).
    /// `onChunk` gets the bytes read so far and the records taken.
    mutating func read(
        fd: Int32, start: Int, claim: ((_ offset: Int, _ want: Int) -> Int)?, chunkSize: Int = LineSplitter.chunkSize,
        source: String, head: [UInt8] = [], maxBadLines: Int, onChunk: (_ bytesRead: Int, _ records: Int) -> Void = { _, _ in }
    ) throws {
        defer { state.flush() }
        do {
            try LineSplitter.split(fd: fd, start: start, claim: claim, chunkSize: chunkSize, source: source, head: head,
                                   onText: { take(lineAtStartOf: $0) }, onLine: { line in
                take(line)
                if badLines.count > maxBadLines { throw StopReading() }
            }, onOverlong: {
                badLines.append(lines.overlong())
                if badLines.count > maxBadLines { throw StopReading() }
            }, onChunk: { onChunk($0, lines.records) })
        } catch is StopReading {}
    }

    mutating func take(_ line: UnsafeBufferPointer<UInt8>) {
        if let error = lines.scan(line, { state.take($0) }) { badLines.append(error) }
    }

    /// Takes the line at the start of `text` when the fast path does (see `LineCounter.scanLine`);
    /// returns its length, or nil.
    mutating func take(lineAtStartOf text: UnsafeBufferPointer<UInt8>) -> Int? {
        lines.scanLine(atStartOf: text) { state.take($0) }
    }
}

/// Numbers lines and sorts them into records, blank lines and bad lines.
struct LineCounter {
    let source: String
    /// Whether this is the start of the file, where a byte-order mark may stand.
    var first = true
    var lines = 0
    var records = 0
    var emptyLines = 0
    /// The last string validated, shared by this reader's lines.
    private var memo = UTF8Memo()

    init(source: String, first: Bool = true) {
        self.source = source
        self.first = first
    }

    /// Numbers `line` and hands a record to `onRecord` (without copying it into a result);
    /// returns the problem when the line is not a record, nil otherwise (blank lines included).
    mutating func scan(_ line: UnsafeBufferPointer<UInt8>, _ onRecord: (RawStepRecord) throws -> Void) rethrows -> LogLineError? {
        lines += 1
        var line = line
        var shift = 0   // columns are counted in the line as written, byte-order mark included
        if first, lines == 1, line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
            line = UnsafeBufferPointer(rebasing: line[3...])
            shift = 3
        }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
            emptyLines += 1
            return nil
        }
        // `LogLineParser.scan`, written out so that the record is made where it is used, not copied.
        var raw = RawStepRecord(line: line)
        if !FailureForensicsLayout.scan(line, into: &raw, memo: &memo) {
            do throws(LogLineProblem) {
                raw = try LogLineParser.scanGeneral(line)
            } catch {
                return LogLineError(source: source, line: lines, column: error.column.map { $0 + shift }, message: error.message)
            }
        }
        records += 1
        try onRecord(raw)
        return nil
    }

    /// `scan`'s fast path for the line at the start of `text`, a read that goes on past the line:
    /// when the line is in failure-forensics' layout (`FailureForensicsLayout.scanLine`), numbers it, hands
    /// its record to `onRecord` and returns its length (its `\n` is there). Nil, having counted
    /// nothing, for any other line, and for a file's first line (a byte-order mark may start it):
    /// the caller then finds the line's end and calls `scan`, which gives the same result.
    mutating func scanLine(atStartOf text: UnsafeBufferPointer<UInt8>, _ onRecord: (RawStepRecord) throws -> Void) rethrows -> Int? {
        if first && lines == 0 { return nil }
        var raw = RawStepRecord(line: text)
        guard let length = FailureForensicsLayout.scanLine(atStartOf: text, into: &raw, memo: &memo) else { return nil }
        raw.line = UnsafeBufferPointer(rebasing: text[..<length])
        lines += 1
        records += 1
        try onRecord(raw)
        return length
    }

    /// The lines, records and blank lines counted so far.
    var counts: LogFileCounts { LogFileCounts(lines: lines, records: records, emptyLines: emptyLines) }

    mutating func overlong() -> LogLineError {
        lines += 1
        return LogLineError(source: source, line: lines, column: nil,
                            message: "line longer than \(LogReader.maxLineBytes >> 20) MiB; a step record is a few KB")
    }
}
