/// How logs are read: the choices every command that reads them takes alike (the bad-line
/// limit, what a run id names, the format, how a trace becomes a run), handed to the reader
/// as one value.
package struct LogReading: Sendable {
    /// How many invalid lines (or traces) to skip, each reported, before the read fails.
    package var maxBadLines: Int
    /// Whether a run id names a run across all sources or within its own.
    package var runScope: RunScope
    /// The format every file is read in; nil: each file's own, told from its first bytes.
    package var format: LogFormatID?
    /// How a trace becomes a run of steps.
    package var traceMapping: TraceMapping

    package init(maxBadLines: Int = 0, runScope: RunScope = .all, format: LogFormatID? = nil, traceMapping: TraceMapping = .default) {
        self.maxBadLines = maxBadLines
        self.runScope = runScope
        self.format = format
        self.traceMapping = traceMapping
    }
}
