/// How far a read of logs has got: passed to a progress callback after each chunk read.
public struct LogReadProgress: Sendable, Equatable {
    /// The source being read, as given (`-` for standard input).
    public var source: String
    /// Bytes of this source read so far.
    public var bytesRead: Int
    /// The source's size in bytes when it is a regular file, else nil (a pipe).
    public var totalBytes: Int?
    /// Valid records read so far, all sources.
    public var records: Int

    /// Creates a progress report.
    init(source: String, bytesRead: Int, totalBytes: Int?, records: Int) {
        self.source = source
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.records = records
    }
}
