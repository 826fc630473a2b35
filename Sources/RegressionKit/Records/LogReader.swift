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
    /// Run ids with records in more than one source (of the versions the read gathered): joined
    /// into one run each under `RunScope.all`, kept apart under `RunScope.file`.
    public var runsSplitAcrossFiles = 0

    init() {}
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

    /// Files at least this large are read by several threads at once, in pieces (tests lower it).
    var shardingThreshold = 16 << 20
    /// How many pieces a large file is cut into to start with: one per core.
    var shards = ProcessInfo.processInfo.activeProcessorCount
    /// The bytes of one read (tests lower it).
    var chunkBytes = LineSplitter.chunkSize
    /// The smallest piece a thread that has finished its own takes over from another (tests lower it).
    var minimumPiece = 2 * LineSplitter.chunkSize

    /// The logs, read in this order.
    public var sources: [LogSource]
    /// How many invalid lines to skip (each reported) before the read fails; 0 fails on the first.
    public var maxBadLines: Int
    /// Whether a run id names a run across all sources or within its own.
    public var runScope: RunScope

    /// Creates a reader of `sources` that tolerates up to `maxBadLines` invalid lines.
    public init(sources: [LogSource], maxBadLines: Int = 0, runScope: RunScope = .all) {
        self.sources = sources
        self.maxBadLines = maxBadLines
        self.runScope = runScope
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
        var bad = BadLinePolicy(limit: maxBadLines)
        var runFiles = RunFiles(scope: runScope)
        for (index, source) in sources.enumerated() {
            summary.sources.append(source.description)
            try withDescriptor(source) { fd, size in
                var lines = LineCounter(source: source.description)
                let before = summary.records
                let tracked = sources.count > 1
                try LineSplitter.split(fd: fd, source: source.description, onLine: { line in
                    if let error = try lines.scan(line, { scanned in
                        guard tracked else { return try body(scanned.record) }
                        var record = scanned.record
                        record.runID = runFiles.runID(of: record, file: index, source: source.description)
                        try body(record)
                    }) { try bad.accept(error, onBadLine) }
                }, onOverlong: { try bad.accept(lines.overlong(), onBadLine) }, onChunk: { bytesRead in
                    onProgress(LogReadProgress(source: source.description, bytesRead: bytesRead, totalBytes: size, records: before + lines.records))
                })
                summary.add(lines)
            }
        }
        summary.badLines = bad.count
        summary.runsSplitAcrossFiles = runFiles.split.count
        return summary
    }

    /// Reads every source into per-piece states made by `makeState` (given the bytes the state will
    /// end up holding: the whole file's for its first piece, which takes in the others), which
    /// take the scanned records and are merged in file order (see `LogAccumulator`). Large files
    /// are cut at line boundaries and read by one thread per core;
    /// `onProgress` is called after each chunk of a file read in one piece, and once for a file
    /// read in several (which takes a fraction of the time). `whenRead` is called after each
    /// source's bytes are all read, before its pieces are merged (on one thread, leaving the
    /// other cores free).
    func scan<State: LogAccumulator>(
        makeState: @Sendable (_ expectedBytes: Int) -> State,
        onBadLine: (LogLineError) -> Void = { _ in },
        onProgress: (LogReadProgress) -> Void = { _ in },
        whenRead: () -> Void = {}
    ) throws -> (State, LogReadSummary) {
        var state: State?   // the first piece's state, taken as it is: merging it into an empty one would copy it
        var summary = LogReadSummary()
        var bad = BadLinePolicy(limit: maxBadLines)
        var splitRuns = Set<[UInt8]>()
        for (index, source) in sources.enumerated() {
            summary.sources.append(source.description)
            try withDescriptor(source) { fd, size in
                let cuts = (size ?? 0) >= shardingThreshold && shards > 1
                    ? LineSplitter.cuts(fd: fd, size: size!, parts: shards) : nil
                var pieces: [Shard<State>]
                if let cuts, cuts.count > 2 {
                    pieces = try readShards(fd: fd, cuts: cuts, source: source.description, makeState: makeState)
                } else {
                    var shard = Shard(state: makeState(size ?? 0), lines: LineCounter(source: source.description))
                    let before = summary.records
                    try shard.read(fd: fd, start: 0, claim: nil, source: source.description, maxBadLines: maxBadLines) {
                        onProgress(LogReadProgress(source: source.description, bytesRead: $0, totalBytes: size, records: before + $1))
                    }
                    pieces = [shard]
                }
                whenRead()
                // Bad lines in file order: line numbers of later shards start after earlier shards' lines.
                // Each piece is moved out of the list, so that its state, once taken or merged, is
                // referenced once and the merges that follow change it in place instead of copying it.
                let count = pieces.count
                var linesBefore = 0
                pieces.reverse()
                // A file's pieces are merged into the file's state, which then joins the earlier
                // files' (see `RunScope`): the first file's state is taken as it is.
                var fileState: State?
                while let shard = pieces.popLast() {
                    for var error in shard.badLines {
                        error.line += linesBefore
                        try bad.accept(error, onBadLine)
                    }
                    linesBefore += shard.lines.lines
                    summary.add(shard.lines)
                    if fileState == nil { fileState = shard.state } else { fileState!.merge(shard.state) }
                }
                if let fileState {
                    if state == nil {
                        state = fileState
                    } else {
                        let tag = runScope == .file ? RunScope.apartTag(file: index) : nil
                        splitRuns.formUnion(state!.mergeFile(fileState, keepingRunsApart: tag))
                    }
                }
                if count > 1, let size {
                    onProgress(LogReadProgress(source: source.description, bytesRead: size, totalBytes: size, records: summary.records))
                }
            }
        }
        summary.badLines = bad.count
        summary.runsSplitAcrossFiles = splitRuns.count
        return (state ?? makeState(0), summary)
    }

    /// Reads the pieces `cuts[k]..<cuts[k+1]` of `fd` on concurrent threads; a thread done with its
    /// piece takes over half of what is left of another (see `PieceBoard`). Returns the pieces read,
    /// in file order.
    private func readShards<State: LogAccumulator>(
        fd: Int32, cuts: [Int], source: String, makeState: @Sendable (_ expectedBytes: Int) -> State
    ) throws -> [Shard<State>] {
        let board = PieceBoard(fd: fd, cuts: cuts, minimumPiece: minimumPiece)
        // What each piece gave, by where it starts.
        let results = Locked<[(start: Int, result: Result<Shard<State>, any Error>)]>([])
        let (maxBad, chunkBytes) = (maxBadLines, chunkBytes)
        DispatchQueue.concurrentPerform(iterations: cuts.count - 1) { first in
            var next: Int? = first
            while let k = next {
                let (start, end) = board.bounds(of: k)
                // The first piece's state takes in all the others' (see `scan`).
                var shard = Shard(state: makeState(start == 0 ? cuts.last! : end - start),
                                  lines: LineCounter(source: source, first: start == 0))
                do {
                    try shard.read(fd: fd, start: start, claim: { board.claim(k, from: $0, want: $1) }, chunkSize: chunkBytes,
                                   source: source, maxBadLines: maxBad)
                    results.withLock { $0.append((start, .success(shard))) }
                } catch {
                    results.withLock { $0.append((start, .failure(error))) }
                    return
                }
                next = board.split()
            }
        }
        return try results.withLock { $0 }.sorted { $0.start < $1.start }.map { try $0.result.get() }
    }

    /// Opens `source` (standard input as is) and passes its descriptor and, for a regular file, its size.
    func withDescriptor(_ source: LogSource, _ body: (Int32, Int?) throws -> Void) throws {
        switch source {
        case .standardInput:
            try body(STDIN_FILENO, nil)
        case .file(let path):
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                throw LogReadError.cannotOpen(source: path, reason: "it is a directory, not a file")
            }
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw LogReadError.cannotOpen(source: path, reason: String(cString: strerror(errno))) }
            defer { close(fd) }
            try body(fd, (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil)
        }
    }
}

/// Thrown inside a shard to stop reading once it has more bad lines than could be tolerated.
private struct StopReading: Error {}

/// What a read of logs gathers records into: one state per piece of a file, each fed the records
/// of its piece, then merged in file order, which must give the state of one read of the whole.
protocol LogAccumulator: Sendable {
    /// Takes one scanned record (its strings are valid only during the call).
    mutating func take(_ raw: RawStepRecord)
    /// Finishes taking: called once a piece is read, before the state is merged or read.
    mutating func flush()
    /// Adds `later`, the state of the records that come after this one's.
    mutating func merge(_ later: Self)
    /// Adds `later`, the state of a later file, and returns the runs both hold (each as its
    /// version's bytes, a zero byte and its run id's bytes). With a `tag`, a run of `later` whose
    /// id this state already holds is kept apart, as that id followed by `tag`.
    mutating func mergeFile(_ later: Self, keepingRunsApart tag: [UInt8]?) -> [[UInt8]]
}

extension LogAccumulator {
    mutating func flush() {}
}

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
        source: String, maxBadLines: Int, onChunk: (_ bytesRead: Int, _ records: Int) -> Void = { _, _ in }
    ) throws {
        defer { state.flush() }
        do {
            try LineSplitter.split(fd: fd, start: start, claim: claim, chunkSize: chunkSize, source: source,
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
        if !AncestorLayout.scan(line, into: &raw, memo: &memo) {
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
    /// when the line is in the ancestor's layout (`AncestorLayout.scanLine`), numbers it, hands
    /// its record to `onRecord` and returns its length (its `\n` is there). Nil, having counted
    /// nothing, for any other line, and for a file's first line (a byte-order mark may start it):
    /// the caller then finds the line's end and calls `scan`, which gives the same result.
    mutating func scanLine(atStartOf text: UnsafeBufferPointer<UInt8>, _ onRecord: (RawStepRecord) throws -> Void) rethrows -> Int? {
        if first && lines == 0 { return nil }
        var raw = RawStepRecord(line: text)
        guard let length = AncestorLayout.scanLine(atStartOf: text, into: &raw, memo: &memo) else { return nil }
        raw.line = UnsafeBufferPointer(rebasing: text[..<length])
        lines += 1
        records += 1
        try onRecord(raw)
        return length
    }

    mutating func overlong() -> LogLineError {
        lines += 1
        return LogLineError(source: source, line: lines, column: nil,
                            message: "line longer than \(LogReader.maxLineBytes >> 20) MiB; a step record is a few KB")
    }
}

/// `maxBadLines`: report tolerated bad lines, fail on the first one too many.
struct BadLinePolicy {
    let limit: Int
    var count = 0

    mutating func accept(_ error: LogLineError, _ report: (LogLineError) -> Void) throws {
        count += 1
        if limit == 0 { throw LogReadError.badLine(error) }
        if count > limit { throw LogReadError.tooManyBadLines(limit: limit, last: error) }
        report(error)
    }
}

extension LogReadSummary {
    mutating func add(_ lines: LineCounter) {
        self.lines += lines.lines
        records += lines.records
        emptyLines += lines.emptyLines
    }
}
