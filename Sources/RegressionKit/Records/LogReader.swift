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
    /// The log formats read (`failure-forensics`, `otlp`), in order of first use.
    package var formats: [String] = []

    init() {}
}

/// Reads step logs (failure-forensics JSONL, or OpenTelemetry traces) as a stream: one record at a
/// time, memory bounded by the longest line for JSONL.
///
/// ```swift
/// var stats = StatsAccumulator()
/// let summary = try LogReader(sources: [.file("requests.jsonl")])
///     .read { stats.add($0) } onBadLine: { print($0) }
/// ```
/// Blank lines are skipped, a missing final newline is fine, CRLF endings and a leading
/// byte-order mark are accepted. Each file's format is detected from its first bytes: files of
/// OpenTelemetry traces (OTLP/JSON or protobuf) are read too, each trace a run, gathered over all
/// the files and handed on after the others' records (see `OTLPFormat`); their memory grows with
/// the spans they hold. A line that is not a valid record stops the read with
/// `LogReadError.badLine` unless `maxBadLines` tolerates it; tolerated lines are still
/// passed to `onBadLine` and counted.
public struct LogReader: Sendable {
    /// The longest line accepted, in bytes; longer lines are bad lines (a record is under a few KB).
    public static let maxLineBytes = 16 << 20

    /// How large files are cut into pieces and read (tests lower the sizes); its `maxBadLines` is
    /// this reader's.
    var pieces = LogReadSettings()

    /// The logs, read in this order.
    public var sources: [LogSource]
    /// How many invalid lines to skip (each reported) before the read fails; 0 fails on the first.
    public var maxBadLines: Int
    /// Whether a run id names a run across all sources or within its own.
    public var runScope: RunScope
    /// The format every file is read in; nil: each file's own, told from its first bytes.
    var format: LogFormatID?
    /// How a trace becomes a run.
    var traceMapping = TraceMapping.default

    /// Creates a reader of `sources` that tolerates up to `maxBadLines` invalid lines.
    public init(sources: [LogSource], maxBadLines: Int = 0, runScope: RunScope = .all) {
        self.sources = sources
        self.maxBadLines = maxBadLines
        self.runScope = runScope
    }

    /// Creates a reader of `sources` that reads them as `reading` says.
    package init(sources: [LogSource], reading: LogReading) {
        self.init(sources: sources, maxBadLines: reading.maxBadLines, runScope: reading.runScope)
        format = reading.format
        traceMapping = reading.traceMapping
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
        var traces: TraceSet?
        let tracked = sources.count > 1
        for (index, source) in sources.enumerated() {
            summary.sources.append(source.description)
            try withFile(source) { file in
                let before = summary.records
                let report: (LogLineError) throws -> Void = { try bad.accept($0, onBadLine) }
                let progress: (Int, Int) -> Void = { bytesRead, records in
                    onProgress(LogReadProgress(source: file.source, bytesRead: bytesRead, totalBytes: file.size, records: before + records))
                }
                let fileFormat = format ?? LogFormatID.of(file)
                if !summary.formats.contains(fileFormat.name) { summary.formats.append(fileFormat.name) }
                switch fileFormat {
                case .otlp:
                    summary.add(try gather(file, index: index, into: &traces, report: report, onProgress: progress))
                case .failureForensics:
                    summary.add(try forensicsFormat.records(in: file, report: report, onProgress: progress) { raw, _ in
                        guard tracked else { return try body(raw.record) }
                        var record = raw.record
                        record.runID = runFiles.runID(of: record, file: index, source: file.source)
                        try body(record)
                    })
                }
            }
        }
        // Traces last, once all their files are read. A trace id names one run across all files
        // whatever the run scope (ids are random 16 bytes, unique by design), so a trace split
        // over files is not counted in `runsSplitAcrossFiles`: there is nothing to choose.
        if let traces {
            summary.records += try otlpFormat.records(from: traces, sources: summary.sources, report: { try bad.accept($0, onBadLine) }) { raw, _, _ in
                try body(raw.record)
            }
        }
        summary.badLines = bad.count
        summary.runsSplitAcrossFiles = runFiles.split.count
        return summary
    }

    /// Reads every source into per-piece states made by `makeState` (given the bytes the state will
    /// end up holding: the whole file's for its first piece, which takes in the others), which
    /// take the scanned records and are merged in file order (see `LogAccumulator`). A format may
    /// read a large file in pieces on several threads (see `FailureForensicsFormat`);
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
        var state: State?   // the first file's state, taken as it is: merging it into an empty one would copy it
        var summary = LogReadSummary()
        var bad = BadLinePolicy(limit: maxBadLines)
        var splitRuns = Set<[UInt8]>()
        var traces: TraceSet?
        var firstTraceFile = 0
        // A file's state joins the earlier files' (see `RunScope`).
        func join(_ fileState: State, index: Int) {
            if state == nil {
                state = fileState
            } else {
                let tag = runScope == .file ? RunScope.apartTag(file: index) : nil
                splitRuns.formUnion(state!.mergeFile(fileState, keepingRunsApart: tag))
            }
        }
        for (index, source) in sources.enumerated() {
            summary.sources.append(source.description)
            try withFile(source) { file in
                let before = summary.records
                let report: (LogLineError) throws -> Void = { try bad.accept($0, onBadLine) }
                let progress: (Int, Int) -> Void = { bytesRead, records in
                    onProgress(LogReadProgress(source: file.source, bytesRead: bytesRead, totalBytes: file.size, records: before + records))
                }
                let fileFormat = format ?? LogFormatID.of(file)
                if !summary.formats.contains(fileFormat.name) { summary.formats.append(fileFormat.name) }
                switch fileFormat {
                case .otlp:
                    if traces == nil { firstTraceFile = index }
                    summary.add(try gather(file, index: index, into: &traces, report: report, onProgress: progress))
                    whenRead()
                case .failureForensics:
                    let (fileState, counts) =
                        try forensicsFormat.accumulate(file, makeState: makeState, report: report, onProgress: progress, whenRead: whenRead)
                    summary.add(counts)
                    join(fileState, index: index)
                }
            }
        }
        // Traces last, once all their files are read, into one state that joins the files'
        // as the first trace file's would. A trace id names one run across all files (see `read`).
        if var gathered = traces {
            traces = nil   // `gathered` is then the spans' only owner: they are freed as they are mapped
            let (traceState, records) = try otlpFormat.accumulate(&gathered, makeState: makeState, sources: summary.sources,
                                                                   report: { try bad.accept($0, onBadLine) })
            summary.records += records
            join(traceState, index: firstTraceFile)
        }
        summary.badLines = bad.count
        summary.runsSplitAcrossFiles = splitRuns.count
        return (state ?? makeState(0), summary)
    }

    /// Reads `file`, source number `index`, of a gathering format into `traces` (made on the first).
    private func gather(
        _ file: LogFile, index: Int, into traces: inout TraceSet?, report: (LogLineError) throws -> Void,
        onProgress: (_ bytesRead: Int, _ records: Int) -> Void
    ) throws -> LogFileCounts {
        if traces == nil { traces = otlpFormat.makeGathering() }
        return try otlpFormat.gather(file, index: index, into: &traces!, report: report, onProgress: { onProgress($0, 0) })
    }

    /// The OTLP format, with this reader's mapping.
    var otlpFormat: OTLPFormat {
        var settings = pieces
        settings.maxBadLines = maxBadLines
        return OTLPFormat(mapping: traceMapping, settings: settings)
    }

    /// The failure-forensics format, with this reader's settings.
    var forensicsFormat: FailureForensicsFormat {
        var settings = pieces
        settings.maxBadLines = maxBadLines
        return FailureForensicsFormat(settings)
    }

    /// Opens `source` and passes it as a `LogFile`. A pipe's first bytes are read into the
    /// file's `head` to tell its format: a pipe cannot be looked at without consuming it.
    func withFile(_ source: LogSource, _ body: (LogFile) throws -> Void) throws {
        try withDescriptor(source) { fd, size in
            var file = LogFile(fd: fd, size: size, source: source.description)
            if size == nil { file.head = try Self.readHead(fd, source: file.source) }
            try body(file)
        }
    }

    /// Up to `LogFormatID.prefixBytes` from `fd`, fewer only at its end.
    private static func readHead(_ fd: Int32, source: String) throws -> [UInt8] {
        var head = [UInt8](repeating: 0, count: LogFormatID.prefixBytes)
        var count = 0
        while count < head.count {
            let n = head.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw LogReadError.readFailed(source: source, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            count += n
        }
        return Array(head[..<count])
    }

    /// Opens `source` (standard input as is) and passes its descriptor and, for a regular file, its size.
    func withDescriptor(_ source: LogSource, _ body: (Int32, Int?) throws -> Void) throws {
        switch source {
        case .standardInput:
            try body(STDIN_FILENO, nil)
        case .file(let path):
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw LogReadError.cannotOpen(source: path, reason: String(cString: strerror(errno))) }
            defer { close(fd) }
            // The descriptor's own kind and size: the file a path names can change between two looks.
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                throw LogReadError.cannotOpen(source: path, reason: "it is a directory, not a file")
            }
            try body(fd, (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil)
        }
    }
}

extension LogReadSummary {
    mutating func add(_ counts: LogFileCounts) {
        lines += counts.lines
        records += counts.records
        emptyLines += counts.emptyLines
    }
}
