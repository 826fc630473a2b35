import Foundation

/// The log formats the reader knows, in the order detection tries them. Adding a format adds its
/// folder, a case here and one in `LogReader`'s dispatch: a `switch`, so that each format's
/// reading is compiled for the statistics it feeds (no per-record dynamic call), and a format
/// that gathers its files before it knows a run (`GatheringLogFormat`) is read after the others.
enum LogFormatID: Sendable, CaseIterable {
    /// OpenTelemetry traces, OTLP/JSON or protobuf (`OTLPFormat`), gathered over all files before
    /// records are made (`GatheringLogFormat`). First: its claim is narrow (a JSON object whose
    /// first member is `resourceSpans`, or protobuf whose nested lengths fit), while
    /// failure-forensics claims any file that starts with `{` or blank lines, and a protobuf
    /// request starts with 0x0A, a newline.
    case otlp
    /// The failure-forensics JSONL log, one step record per line (`FailureForensicsFormat`).
    case failureForensics

    /// The format's name in a baseline's provenance.
    var name: String {
        switch self {
        case .otlp: "otlp"
        case .failureForensics: "failure-forensics-jsonl"
        }
    }

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
        case .otlp: OTLPFormat.detect(prefix)
        case .failureForensics: FailureForensicsFormat.detect(prefix)
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
