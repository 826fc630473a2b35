import Foundation

extension LogReader {
    /// The first record, in file order, that `matches`, with its file and 1-based line; nil when
    /// there is none. Standard input, already read, is skipped, and bad lines are passed over.
    ///
    /// A second read of the files, for an error that must name a record the first read only
    /// counted: never on the way to a verdict.
    func firstRecord(where matches: (StepRecord) -> Bool) throws -> (record: StepRecord, source: String, line: Int)? {
        struct Found: Error {}
        for source in sources {
            guard case .file = source else { continue }
            var hit: StepRecord?
            var line = 0
            do {
                try withFile(source) { file in
                    _ = try records(in: file, report: { _ in }) { raw, number in
                        let record = raw.record
                        if matches(record) {
                            (hit, line) = (record, number)
                            throw Found()
                        }
                    }
                }
            } catch is Found {
                return (hit!, source.description, line)
            }
        }
        return nil
    }
}
