import Foundation

/// A large OTLP/JSON file read by one thread per core, in pieces cut at line starts
/// (`PieceBoard`), each decoded into its own `TraceSet`; the pieces, in file order, are then
/// added to the reader's set as if the file had been read line by line.
///
/// A piece can only be decoded on its own when it starts between two documents. Every cut is
/// such a place exactly when no document runs past the end of its line anywhere in the file (the
/// Collector's file exporter writes one request per line): the first time a piece meets one,
/// every piece stops and `read` returns nil, and the caller reads the file line by line (a
/// pretty-printed file pays for one partial read). Bad lines are kept with their place in their
/// piece and reported by the caller in file order, numbered from the lines of the pieces before.
struct OTLPJSONPieces {
    /// One piece of the file, decoded.
    struct Piece {
        var traces: TraceSet
        var counts: LogFileCounts
        /// Bad lines, numbered from the piece's first line; more than `maxBadLines` stops it.
        var badLines: [LogLineError]
    }

    let format: OTLPFormat
    let settings: LogReadSettings

    /// The pieces of `file` (source number `index`) in file order; nil when the file is too small
    /// to cut, or when a document in it spans lines.
    func read(_ file: LogFile, index: Int) throws -> [Piece]? {
        guard let size = file.size, size >= settings.shardingThreshold, settings.shards > 1 else { return nil }
        let cuts = LineSplitter.cuts(fd: file.fd, size: size, parts: settings.shards)
        guard cuts.count > 2 else { return nil }
        let board = PieceBoard(fd: file.fd, cuts: cuts, minimumPiece: settings.minimumPiece)
        let results = Locked<[(start: Int, result: Result<Piece, any Error>)]>([])
        let spansLines = Locked(false)
        let (format, settings) = (format, settings)
        DispatchQueue.concurrentPerform(iterations: cuts.count - 1) { first in
            var next: Int? = first
            while let k = next {
                let start = board.bounds(of: k).start
                let result = Result { () throws -> Piece in
                    try Self.read(file, index: index, from: start, claim: { board.claim(k, from: $0, want: $1) },
                                  format: format, settings: settings, abandoned: { spansLines.withLock { $0 } }) {
                        spansLines.withLock { $0 = true }
                    }
                }
                results.withLock { $0.append((start, result)) }
                if case .failure = result { return }
                next = board.split()
            }
        }
        if spansLines.withLock({ $0 }) { return nil }
        // Taken out of the lock, so that each piece is referenced once and its spans are moved on.
        return try results.withLock { read in
            defer { read = [] }
            return read
        }.sorted { $0.start < $1.start }.map { try $0.result.get() }
    }

    /// Reads one piece, from `start` as far as `claim` allows. Calls `onSpanningDocument` and
    /// stops when a document runs past its line; stops when `abandoned()` says another piece did.
    private static func read(
        _ file: LogFile, index: Int, from start: Int, claim: @escaping (_ offset: Int, _ want: Int) -> Int,
        format: OTLPFormat, settings: LogReadSettings, abandoned: () -> Bool, onSpanningDocument: () -> Void
    ) throws -> Piece {
        var documents = OTLPJSONDocuments(source: file.source, keeping: .of(format.mapping), startsFile: start == 0)
        var traces = format.makeGathering()
        var badLines: [LogLineError] = []
        let keep: (LogLineError) throws -> Void = { error in
            badLines.append(error)
            if badLines.count > settings.maxBadLines { throw StopPiece() }
        }
        var lines = 0
        do {
            try LineSplitter.split(fd: file.fd, start: start, claim: claim, chunkSize: settings.chunkBytes, source: file.source, onLine: { line in
                lines += 1
                if lines & 1023 == 0, abandoned() { throw StopPiece() }
                try documents.line(line, report: keep) { batch, lineOf in traces.add(batch, file: index, line: lineOf) }
                if documents.isPending {
                    onSpanningDocument()
                    throw StopPiece()
                }
            }, onOverlong: {
                try documents.overlongLine(report: keep)
            })
        } catch is StopPiece {}
        return Piece(traces: traces, counts: documents.counts, badLines: badLines)
    }
}

/// Ends the read of one piece early (without an error of the read).
private struct StopPiece: Error {}
