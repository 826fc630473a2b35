import Foundation

/// The failure-forensics log format: JSONL, one step record per line, as failure-forensics'
/// `log_step` and this package's `Recorder` write it (the schema is `StepRecord`'s).
///
/// Lines are split with `LineSplitter`; a line in the logger's exact layout is scanned by the fast
/// path (`FailureForensicsLayout`), any other by the general parser (`LogLineParser`), which
/// reports what is wrong with a bad line and where. A large file is read by one thread per core,
/// in pieces cut at line boundaries (`PieceBoard`).
struct FailureForensicsFormat: LogFormat {
    /// The limits and piece sizes it reads with.
    var settings: LogReadSettings

    init(_ settings: LogReadSettings) { self.settings = settings }

    private var shardingThreshold: Int { settings.shardingThreshold }
    private var shards: Int { settings.shards }
    private var chunkBytes: Int { settings.chunkBytes }
    private var minimumPiece: Int { settings.minimumPiece }
    private var maxBadLines: Int { settings.maxBadLines }

    /// A file whose first byte that is not white space (after a byte-order mark) opens a JSON
    /// object. An empty file, or one of blank lines, is claimed too: it holds no record either way.
    static func detect(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        var bytes = prefix[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) else { return true }
        return first == UInt8(ascii: "{")
    }

    func records(
        in file: LogFile, report: (LogLineError) throws -> Void,
        onProgress: (_ bytesRead: Int, _ records: Int) -> Void,
        _ body: (RawStepRecord, _ line: Int) throws -> Void
    ) throws -> LogFileCounts {
        var lines = LineCounter(source: file.source)
        var number = 0   // the line's, kept apart from `lines`, which is busy while a record is handed on
        try LineSplitter.split(fd: file.fd, source: file.source, head: file.head, onLine: { line in
            number += 1
            if let error = try lines.scan(line, { try body($0, number) }) { try report(error) }
        }, onOverlong: {
            number += 1
            try report(lines.overlong())
        }, onChunk: { onProgress($0, lines.records) })
        return lines.counts
    }

    func accumulate<State: LogAccumulator>(
        _ file: LogFile, makeState: @Sendable (_ expectedBytes: Int) -> State,
        report: (LogLineError) throws -> Void,
        onProgress: (_ bytesRead: Int, _ records: Int) -> Void,
        whenRead: () -> Void
    ) throws -> (State, LogFileCounts) {
        let size = file.size
        let cuts = (size ?? 0) >= shardingThreshold && shards > 1
            ? LineSplitter.cuts(fd: file.fd, size: size!, parts: shards) : nil
        var pieces: [Shard<State>]
        if let cuts, cuts.count > 2 {
            pieces = try readShards(fd: file.fd, cuts: cuts, source: file.source, makeState: makeState)
        } else {
            var shard = Shard(state: makeState(size ?? 0), lines: LineCounter(source: file.source))
            try shard.read(fd: file.fd, start: 0, claim: nil, chunkSize: chunkBytes, source: file.source,
                           head: file.head, maxBadLines: maxBadLines, onChunk: onProgress)
            pieces = [shard]
        }
        whenRead()
        // Bad lines in file order: line numbers of later pieces start after earlier pieces' lines.
        // Each piece is moved out of the list, so that its state, once taken or merged, is
        // referenced once and the merges that follow change it in place instead of copying it.
        let count = pieces.count
        var counts = LogFileCounts()
        pieces.reverse()
        var fileState: State?   // the first piece's state, taken as it is: merging it into an empty one would copy it
        while let shard = pieces.popLast() {
            for var error in shard.badLines {
                error.line += counts.lines
                try report(error)
            }
            counts.add(shard.lines.counts)
            if fileState == nil { fileState = shard.state } else { fileState!.merge(shard.state) }
        }
        if count > 1, let size { onProgress(size, counts.records) }
        return (fileState!, counts)
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
                // The first piece's state takes in all the others' (see `accumulate`).
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
}

extension LogFileCounts {
    mutating func add(_ other: LogFileCounts) {
        lines += other.lines
        records += other.records
        emptyLines += other.emptyLines
    }
}
