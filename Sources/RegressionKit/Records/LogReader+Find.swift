import Foundation

extension LogReader {
    /// The first record, in the order a read hands them on, that `matches`, with its file and
    /// 1-based line (for a trace, the line or request its step's span was read from); nil when
    /// there is none. Standard input, already read, is skipped, and bad lines are passed over.
    ///
    /// A second read of the files, for an error that must name a record the first read only
    /// counted: never on the way to a verdict.
    func firstRecord(where matches: (StepRecord) -> Bool) throws -> (record: StepRecord, source: String, line: Int)? {
        struct Found: Error {}
        var hit: (record: StepRecord, source: String, line: Int)?
        var traces: TraceSet?
        let names = sources.map(\.description)
        do {
            for (index, source) in sources.enumerated() {
                guard case .file = source else { continue }
                try withFile(source) { file in
                    switch format ?? LogFormatID.of(file) {
                    case .otlp:
                        if traces == nil { traces = otlpFormat.makeGathering() }
                        _ = try otlpFormat.gather(file, index: index, into: &traces!, report: { _ in }, onProgress: { _ in })
                    case .failureForensics:
                        _ = try forensicsFormat.records(in: file, report: { _ in }, onProgress: { _, _ in }) { raw, number in
                            let record = raw.record
                            if matches(record) {
                                hit = (record, source.description, number)
                                throw Found()
                            }
                        }
                    }
                }
            }
            if let traces {
                _ = try otlpFormat.records(from: traces, sources: names, report: { _ in }) { raw, file, line in
                    let record = raw.record
                    if matches(record) {
                        hit = (record, names[file], line)
                        throw Found()
                    }
                }
            }
        } catch is Found {
            return hit
        }
        return nil
    }
}
