import Foundation

/// OpenTelemetry traces in OTLP: JSON (the Collector's file exporter, one request per line; or
/// documents pretty-printed or back to back), a binary protobuf request (`.pb`), or the
/// Collector's framed protobuf file. Each run is one trace, gathered by trace id over every
/// OTLP file read, and read into steps by `TraceMapping`.
///
/// Files are decoded into a `TraceSet` (`gather`); once all are read, each trace is mapped and its
/// steps handed on as records (`records(from:)`) in the order the traces were first seen, each
/// trace's steps in the order they started.
struct OTLPFormat: GatheringLogFormat {
    static let name = "OTLP"

    var mapping = TraceMapping.default
    /// How a large file is cut into pieces read at once (`OTLPJSONPieces`), and the bad lines a
    /// piece reads before it stops.
    var settings = LogReadSettings()

    static func detect(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool { OTLPEncoding.of(prefix) != nil }

    func makeGathering() -> TraceSet { TraceSet(mapping: mapping) }

    func gather(
        _ file: LogFile, index: Int, into traces: inout TraceSet,
        report: (LogLineError) throws -> Void, onProgress: (_ bytesRead: Int) -> Void
    ) throws -> LogFileCounts {
        switch Self.encoding(of: file) {
        case .json:
            if var pieces = try OTLPJSONPieces(format: self, settings: settings).read(file, index: index) {
                return try add(&pieces, of: file, into: &traces, report: report, onProgress: onProgress)
            }
            var documents = OTLPJSONDocuments(source: file.source, keeping: .of(mapping))
            try LineSplitter.split(fd: file.fd, source: file.source, head: file.head, onLine: { line in
                try documents.line(line, report: report) { batch, lineOf in traces.add(batch, file: index, line: lineOf) }
            }, onOverlong: {
                try documents.overlongLine(report: report)
            }, onChunk: onProgress)
            try documents.finish(report: report)
            return documents.counts
        case .protobuf:
            var reader = OTLPProtobufFile(fd: file.fd, source: file.source, head: file.head[...], filter: .of(mapping))
            return try reader.readRaw(report: report, onProgress: onProgress) { batch, entry in
                traces.add(batch, file: index) { _ in entry }
            }
        case .protobufFramed:
            var reader = OTLPProtobufFile(fd: file.fd, source: file.source, head: file.head[...], filter: .of(mapping))
            return try reader.readFramed(report: report, onProgress: onProgress) { batch, entry in
                traces.add(batch, file: index) { _ in entry }
            }
        }
    }

    /// Adds the pieces of `file`, in file order, to `traces`, reporting their bad lines numbered
    /// from the file's first line.
    private func add(
        _ pieces: inout [OTLPJSONPieces.Piece], of file: LogFile, into traces: inout TraceSet,
        report: (LogLineError) throws -> Void, onProgress: (_ bytesRead: Int) -> Void
    ) throws -> LogFileCounts {
        var counts = LogFileCounts()
        pieces.reverse()
        while var piece = pieces.popLast() {   // taken out of the list: its spans are then moved, not copied
            for var error in piece.badLines {
                error.line += counts.lines
                try report(error)
            }
            traces.append(&piece.traces, lineOffset: counts.lines)
            counts.add(piece.counts)
        }
        onProgress(file.size ?? 0)
        return counts
    }

    func records(
        from traces: TraceSet, sources: [String], report: (LogLineError) throws -> Void,
        _ body: (RawStepRecord, _ file: Int, _ line: Int) throws -> Void
    ) throws -> Int {
        try records(ids: traces.ids[...], spans: traces.traces, sources: sources, report: report, body)
    }

    /// The records of the traces `ids`, whose spans are `spans` (see `records(from:sources:report:_:)`).
    private func records(
        ids: ArraySlice<TraceID>, spans: [[GatheredSpan]], sources: [String], report: (LogLineError) throws -> Void,
        _ body: (RawStepRecord, _ file: Int, _ line: Int) throws -> Void
    ) rethrows -> Int {
        var records = 0
        for (id, spans) in zip(ids, spans) {
            switch mapping.run(of: id, spans: spans) {
            case .failure(let problem):
                let origin = problem.origin
                try report(LogLineError(source: sources[origin.file], line: origin.line, column: nil, message: problem.message(id), unit: .trace))
            case .success(let run):
                try TraceRecords.forEach(run) { raw, origin in try body(raw, origin.file, origin.line) }
                records += run.steps.count
            }
        }
        return records
    }

    /// The state the records of `traces` make, and how many there are: the traces are cut into
    /// runs of traces, a few per core, each mapped on a thread of its own into its own state, and
    /// the states merged in trace order (`LogAccumulator.merge`), which gives the state of one pass.
    /// Traces that make no record are reported in trace order.
    /// The spans are moved out of `traces` as they are mapped, and freed on the threads that map them.
    func accumulate<State: LogAccumulator>(
        _ traces: inout TraceSet, makeState: @Sendable (_ expectedBytes: Int) -> State, sources: [String],
        report: (LogLineError) throws -> Void
    ) throws -> (State, records: Int) {
        let count = traces.traces.count
        // A few runs per core, taken by whichever thread is free: a core the scheduler lends to
        // another process for a while does not hold up the others.
        let parts = min(4 * settings.shards, count / max(1, settings.minimumTracesPerThread))
        guard parts > 1 else {
            var state = makeState(0)
            let records = try records(from: traces, sources: sources, report: report) { raw, _, _ in state.take(raw) }
            state.flush()
            traces = TraceSet()
            return (state, records)
        }
        let work = Locked((0..<parts).map { k in Optional(traces.take(count * k / parts..<count * (k + 1) / parts)) })
        traces = TraceSet()
        let results = Locked([(state: State, records: Int, problems: [LogLineError])?](repeating: nil, count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            let (ids, spans) = work.withLock { work in
                defer { work[k] = nil }
                return work[k]!
            }
            var state = makeState(0)
            var problems: [LogLineError] = []
            let records = self.records(ids: ids, spans: spans, sources: sources,
                                       report: { problems.append($0) }) { raw, _, _ in state.take(raw) }
            state.flush()
            results.withLock { $0[k] = (state, records, problems) }
        }
        // Taken out of the lock, so that the first state is referenced once and merged into in place.
        var done = results.withLock { parts in
            defer { parts = [] }
            return parts.map { $0! }
        }
        done.reverse()
        var (state, records, problems) = done.popLast()!
        for problem in problems { try report(problem) }
        while let later = done.popLast() {   // taken out of the list, so that the merge reads it without a copy
            for problem in later.problems { try report(problem) }
            state.merge(later.state)
            records += later.records
        }
        return (state, records)
    }

    /// The encoding of `file`, from its first bytes. A file the reader was told is OTLP
    /// (`LogFormatSettings.format`) but that looks like none of them is read as JSON when it
    /// starts like a JSON object, else as one protobuf request, so that its decoder says where
    /// and how it is not OTLP.
    static func encoding(of file: LogFile) -> OTLPEncoding {
        let prefix = file.firstBytes()
        if let encoding = prefix.withUnsafeBufferPointer({ OTLPEncoding.of($0) }) { return encoding }
        let first = prefix.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        return first == nil || first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .json : .protobuf
    }
}
