/// Splits an OTLP/JSON file into its documents, as the lines come: one document per line (the
/// Collector's file exporter), several back to back on a line, or one spread over many lines
/// (pretty-printed). Memory is bounded by the longest document.
///
/// A line is decoded where it stands. Only when a document runs past the end of its line is it
/// gathered, line by line, until its brackets close (`JSONNesting`), then decoded; positions in it
/// are mapped back to lines and columns.
struct OTLPJSONDocuments {
    /// The largest document gathered over several lines.
    static let maxDocumentBytes = 64 << 20

    let source: String
    /// The attributes decoded (nil: all).
    let filter: AttributeKeyFilter?
    /// Lines read, and blank ones (outside any document).
    private(set) var counts = LogFileCounts()
    /// A document begun on an earlier line, from its first byte.
    private var pending: [UInt8] = []
    /// The line and 0-based column where `pending` starts.
    private var pendingLine = 0, pendingColumn = 0
    private var nesting = JSONNesting()
    /// Skipping the rest of a document too long to gather.
    private var discarding = false

    /// Whether the first line read is the file's first, where a byte-order mark may stand (not
    /// so for a piece of a file read from its middle; see `OTLPJSONPieces`).
    let startsFile: Bool

    init(source: String, keeping filter: AttributeKeyFilter? = nil, startsFile: Bool = true) {
        self.source = source
        self.filter = filter
        self.startsFile = startsFile
    }

    /// Whether a document begun on a line read is not yet complete: it goes on on the next line.
    var isPending: Bool { !pending.isEmpty || discarding }

    /// Reads the next line (without its newline). Each decoded document goes to `onDocument` with
    /// a function giving the line of an offset in it.
    mutating func line(
        _ bytes: UnsafeBufferPointer<UInt8>, report: (LogLineError) throws -> Void,
        onDocument: ([OTLPResourceSpans], (Int) -> Int) throws -> Void
    ) throws {
        counts.lines += 1
        let number = counts.lines
        if discarding {
            nesting.feed(bytes)
            if nesting.isClosed { discarding = false; nesting = JSONNesting() }
            return
        }
        if !pending.isEmpty {
            pending.append(0x0A)
            pending.append(contentsOf: bytes)
            nesting.feed(bytes)
            if pending.count > Self.maxDocumentBytes {
                try report(LogLineError(source: source, line: pendingLine, column: pendingColumn + 1,
                                        message: "a JSON document longer than \(Self.maxDocumentBytes >> 20) MiB"))
                pending = []
                discarding = !nesting.isClosed
                nesting = JSONNesting()
                return
            }
            if nesting.isClosed { try decodePending(report: report, onDocument: onDocument) }
            return
        }
        // A byte-order mark may open the file (detection allows it), not the JSON.
        let bom = number == 1 && startsFile && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        var i = Self.skipSpace(bytes, from: bom ? 3 : 0)
        if i == bytes.count { counts.emptyLines += 1; return }
        while i < bytes.count {
            switch decode(bytes, from: i) {
            case .success(let (batch, end)):
                try onDocument(batch) { _ in number }
                i = Self.skipSpace(bytes, from: end)
            case .failure(let error) where error.offset >= bytes.count:
                // The document goes on past this line: gather it.
                pending = Array(bytes[i...])
                (pendingLine, pendingColumn) = (number, i)
                nesting = JSONNesting()
                nesting.feed(UnsafeBufferPointer(rebasing: bytes[i...]))
                return
            case .failure(let error):
                return try report(LogLineError(source: source, line: number, column: error.offset + 1, message: error.message))
            }
        }
    }

    /// Counts a line too long to read (`LineSplitter` skips it) and reports it, so that the lines
    /// after it keep their numbers.
    mutating func overlongLine(report: (LogLineError) throws -> Void) throws {
        counts.lines += 1
        try report(LogLineError(source: source, line: counts.lines, column: nil,
                                message: "line longer than \(LogReader.maxLineBytes >> 20) MiB"))
    }

    /// Reports a document still open at the end of the file.
    mutating func finish(report: (LogLineError) throws -> Void) throws {
        guard !pending.isEmpty else { return }
        try report(LogLineError(source: source, line: pendingLine, column: pendingColumn + 1,
                                message: "a JSON document that is not complete at the end of the file"))
        pending = []
    }

    /// Decodes the documents gathered in `pending`, now that its brackets have closed; one
    /// begun after them on the last line stays pending.
    private mutating func decodePending(
        report: (LogLineError) throws -> Void, onDocument: ([OTLPResourceSpans], (Int) -> Int) throws -> Void
    ) throws {
        let buffer = pending
        pending = []
        nesting = JSONNesting()
        var newlines: [Int] = []
        for (k, b) in buffer.enumerated() where b == 0x0A { newlines.append(k) }
        let (firstLine, firstColumn) = (pendingLine, pendingColumn)
        // The line and 0-based column of an offset in `buffer`.
        func position(_ offset: Int) -> (line: Int, column: Int) {
            var low = 0, high = newlines.count   // newlines before `offset`
            while low < high {
                let mid = (low + high) / 2
                if newlines[mid] < offset { low = mid + 1 } else { high = mid }
            }
            return low == 0 ? (firstLine, firstColumn + offset) : (firstLine + low, offset - newlines[low - 1] - 1)
        }
        try buffer.withUnsafeBufferPointer { bytes in
            var i = Self.skipSpace(bytes, from: 0)
            while i < bytes.count {
                switch decode(bytes, from: i) {
                case .success(let (batch, end)):
                    try onDocument(batch) { position($0).line }
                    i = Self.skipSpace(bytes, from: end)
                case .failure(let error) where error.offset >= bytes.count:
                    pending = Array(bytes[i...])
                    (pendingLine, pendingColumn) = position(i)
                    nesting.feed(UnsafeBufferPointer(rebasing: bytes[i...]))
                    return
                case .failure(let error):
                    let (line, column) = position(error.offset)
                    return try report(LogLineError(source: source, line: line, column: column + 1, message: error.message))
                }
            }
        }
    }

    /// The document at `i` and the offset just past it, or why it is not one.
    private func decode(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Result<([OTLPResourceSpans], Int), OTLPDecodingError> {
        Result { () throws(OTLPDecodingError) in try OTLPJSONDecoder.decode(bytes, from: i, keeping: filter) }
    }

    /// The first offset at or after `i` that is not JSON white space.
    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var i = i
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 }
        return i
    }
}

/// How deep in brackets a JSON text is, fed piece by piece: enough to tell where a document that
/// spans lines ends, without decoding it (the decoder validates it afterwards).
struct JSONNesting {
    private(set) var depth = 0
    private var inString = false
    private var escaped = false

    /// Whether every bracket opened has closed (or more closed than opened: the decoder will say
    /// what is wrong) outside a string.
    var isClosed: Bool { depth <= 0 && !inString }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        for b in bytes {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        // A string never spans lines in JSON: a raw newline inside one is an error the decoder
        // reports, so the next line starts outside any string.
        inString = false
        escaped = false
    }
}
