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
