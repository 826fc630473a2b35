/// A log format whose records can only be made once all its files are read: OpenTelemetry
/// traces, whose spans a run is made of may be split over lines and files.
///
/// The reader hands each file of the format to `gather`, which decodes it into one gathering
/// shared by all of them (reporting bad input with its position as it goes), and once every
/// source is read calls `records(from:)`, which hands on the records the gathering makes. A
/// streaming format (`LogFormat`) is read as before, record by record, with no gathering.
protocol GatheringLogFormat: Sendable {
    /// What the format keeps between files.
    associatedtype Gathering: Sendable

    /// How messages name the format, e.g. `OTLP`.
    static var name: String { get }

    /// Whether a file that begins with `prefix` is in this format (see `LogFormat.detect`).
    static func detect(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool

    /// An empty gathering.
    func makeGathering() -> Gathering

    /// Reads `file`, source number `index` (0-based) of the reader, into `gathering`, reporting
    /// each piece of bad input to `report` (which throws past the reader's limit). `onProgress`
    /// gets the bytes read so far. The counts' `records` is 0: records are made at the end.
    func gather(
        _ file: LogFile, index: Int, into gathering: inout Gathering,
        report: (LogLineError) throws -> Void, onProgress: (_ bytesRead: Int) -> Void
    ) throws -> LogFileCounts

    /// Hands on the records `gathering` makes, each with the source index and line it was read
    /// from (its strings are valid only during the call), and returns how many; `sources` names
    /// the reader's sources for messages. A gathered unit that makes no record (e.g. a trace
    /// without a version) is reported to `report`.
    func records(
        from gathering: Gathering, sources: [String], report: (LogLineError) throws -> Void,
        _ body: (RawStepRecord, _ file: Int, _ line: Int) throws -> Void
    ) throws -> Int
}
