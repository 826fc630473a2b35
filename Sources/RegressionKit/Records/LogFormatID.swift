import Foundation

/// The log formats the reader knows, in the order detection tries them. Adding a format adds its
/// folder and a case here, in detection and in the two dispatches below: a `switch`, so that each
/// format's reading is compiled for the statistics it feeds (no per-record dynamic call).
enum LogFormatID: Sendable, CaseIterable {
    /// The failure-forensics JSONL log, one step record per line (`FailureForensicsFormat`).
    case failureForensics

    /// The bytes detection looks at.
    static let prefixBytes = 4096

    /// The format of a file that begins with `prefix`: the first in the list that claims it, else
    /// failure-forensics, whose reader then says, line by line, what is wrong with the file.
    static func detect(_ prefix: UnsafeBufferPointer<UInt8>) -> LogFormatID {
        for format in allCases where format.claims(prefix) { return format }
        return .failureForensics
    }

    private func claims(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .failureForensics: FailureForensicsFormat.detect(prefix)
        }
    }

    /// Reads `file` in this format into the states `makeState` makes (see `LogFormat.accumulate`).
    func accumulate<State: LogAccumulator>(
        _ file: LogFile, settings: LogReadSettings, makeState: @Sendable (_ expectedBytes: Int) -> State,
        report: (LogLineError) throws -> Void, onProgress: (_ bytesRead: Int, _ records: Int) -> Void, whenRead: () -> Void
    ) throws -> (State, LogFileCounts) {
        switch self {
        case .failureForensics:
            try FailureForensicsFormat(settings).accumulate(file, makeState: makeState, report: report, onProgress: onProgress, whenRead: whenRead)
        }
    }

    /// Reads `file` in this format, handing each record on (see `LogFormat.records`).
    func records(
        in file: LogFile, settings: LogReadSettings, report: (LogLineError) throws -> Void,
        onProgress: (_ bytesRead: Int, _ records: Int) -> Void, _ body: (RawStepRecord, _ line: Int) throws -> Void
    ) throws -> LogFileCounts {
        switch self {
        case .failureForensics: try FailureForensicsFormat(settings).records(in: file, report: report, onProgress: onProgress, body)
        }
    }

    /// The format of `file`, read from its first bytes with `pread` (which leaves the descriptor
    /// where it is). A pipe cannot be looked at without consuming it: it is read as failure-forensics.
    static func of(_ file: LogFile) -> LogFormatID {
        guard let size = file.size, size > 0 else { return .failureForensics }
        var prefix = [UInt8](repeating: 0, count: min(size, prefixBytes))
        let n = prefix.withUnsafeMutableBytes { pread(file.fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return .failureForensics }   // the read proper reports the error
        return prefix.withUnsafeBufferPointer { detect(UnsafeBufferPointer(rebasing: $0[..<n])) }
    }
}
