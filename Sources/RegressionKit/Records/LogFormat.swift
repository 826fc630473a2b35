import Foundation

/// A format step logs are written in: how a file of it is recognised, and how it is read into
/// records.
///
/// Each format is one implementation in a folder of its own (the failure-forensics JSONL log in
/// `Records/FailureForensics/`), named in the list `LogFormatID`. The reader (`LogReader`) opens
/// each source, asks `LogFormatID.of` which format the file's first bytes are in, and hands
/// the open file to that format, which hands on scanned records (`RawStepRecord`) and reports
/// bad input with its position; the reader counts, applies the bad-input limit, joins runs
/// across files and merges what was gathered. A format knows nothing of statistics, and the
/// statistics know nothing of formats. A format whose runs span files (OpenTelemetry traces) is
/// a `GatheringLogFormat` instead: read whole before its records are made.
protocol LogFormat: Sendable {
    /// Whether a file that begins with `prefix` is in this format, judged from those bytes alone
    /// (at most `LogFormatID.prefixBytes`; fewer when the file is shorter).
    static func detect(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool

    /// Reads `file` from its start to its end, handing each record to `body` in the order
    /// written, with the 1-based line it was read from (its strings are valid only during the
    /// call), and each piece of bad input to
    /// `report`, which throws when the reader's limit is passed. `onProgress` gets the bytes read
    /// and the records handed on so far.
    func records(
        in file: LogFile, report: (LogLineError) throws -> Void,
        onProgress: (_ bytesRead: Int, _ records: Int) -> Void,
        _ body: (RawStepRecord, _ line: Int) throws -> Void
    ) throws -> LogFileCounts

    /// Reads `file` into the states `makeState` makes (given the bytes the state ends up holding),
    /// merged in the order written into the one returned. A format that reads a file in pieces on
    /// several threads implements it; the others get one state fed by `records(in:)`. `whenRead`
    /// is called once the file's bytes are all read, before pieces are merged.
    func accumulate<State: LogAccumulator>(
        _ file: LogFile, makeState: @Sendable (_ expectedBytes: Int) -> State,
        report: (LogLineError) throws -> Void,
        onProgress: (_ bytesRead: Int, _ records: Int) -> Void,
        whenRead: () -> Void
    ) throws -> (State, LogFileCounts)
}

extension LogFormat {
    func accumulate<State: LogAccumulator>(
        _ file: LogFile, makeState: @Sendable (_ expectedBytes: Int) -> State,
        report: (LogLineError) throws -> Void,
        onProgress: (_ bytesRead: Int, _ records: Int) -> Void,
        whenRead: () -> Void
    ) throws -> (State, LogFileCounts) {
        var state = makeState(file.size ?? 0)
        let counts = try records(in: file, report: report, onProgress: onProgress) { raw, _ in state.take(raw) }
        state.flush()
        whenRead()
        return (state, counts)
    }
}

/// An open log source as a format reads it.
struct LogFile {
    /// The open descriptor, positioned at the start (the reader closes it).
    var fd: Int32
    /// The size in bytes of a regular file; nil for a pipe or standard input.
    var size: Int?
    /// The source as given, `-` for standard input: how errors name it.
    var source: String
    /// For a pipe, the bytes already read from it to tell its format (see `LogReader.withFile`),
    /// which come before the descriptor's: every read of the file starts with them.
    var head: [UInt8] = []

    /// The file's first bytes (at most `LogFormatID.prefixBytes`), read with `pread` from a regular
    /// file (which leaves the descriptor where it is), else the pipe's `head`.
    func firstBytes() -> [UInt8] {
        guard let size else { return head }
        var prefix = [UInt8](repeating: 0, count: min(size, LogFormatID.prefixBytes))
        let n = prefix.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        return n > 0 ? Array(prefix[..<n]) : []
    }
}

/// What a format counted in one file: the figures `LogReadSummary` adds up.
struct LogFileCounts {
    /// Lines (or, for a format without lines, entries) read, blank ones included.
    var lines = 0
    /// Records handed on.
    var records = 0
    /// Blank lines skipped.
    var emptyLines = 0
}

/// What every format reads under: the reader's bad-input limit and, for a format that reads a
/// large file in pieces on several threads, how it cuts them.
struct LogReadSettings: Sendable {
    /// How many bad lines are tolerated (a piece stops reading once it has more).
    var maxBadLines = 0
    /// Files at least this large are read in pieces.
    var shardingThreshold = 16 << 20
    /// How many pieces a large file is cut into to start with: one per core.
    var shards = ProcessInfo.processInfo.activeProcessorCount
    /// The bytes of one read.
    var chunkBytes = LineSplitter.chunkSize
    /// The smallest piece a thread that has finished its own takes over from another.
    var minimumPiece = 2 * LineSplitter.chunkSize
    /// The fewest traces one thread maps when traces are mapped on several (`OTLPFormat.accumulate`).
    var minimumTracesPerThread = 512
}
