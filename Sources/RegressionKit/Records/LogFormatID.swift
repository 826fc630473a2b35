import Foundation

/// The log formats the reader knows, in the order detection tries them. Adding a format adds its
/// folder, a case here and one in `LogReader`'s dispatch: a `switch`, so that each format's
/// reading is compiled for the statistics it feeds (no per-record dynamic call), and a format
/// that gathers its files before it knows a run (`GatheringLogFormat`) is read after the others.
package enum LogFormatID: Sendable, CaseIterable {
    /// OpenTelemetry traces, OTLP/JSON or protobuf (`OTLPFormat`), gathered over all files before
    /// records are made (`GatheringLogFormat`). First: its claim is narrow (a JSON object whose
    /// first member is `resourceSpans`, or protobuf whose nested lengths fit), while
    /// failure-forensics claims any file that starts with `{` or blank lines, and a protobuf
    /// request starts with 0x0A, a newline.
    case otlp
    /// The failure-forensics JSONL log, one step record per line (`FailureForensicsFormat`).
    case failureForensics

    /// The name options and reports give the format: `otlp`, `failure-forensics`.
    package var name: String {
        switch self {
        case .otlp: "otlp"
        case .failureForensics: "failure-forensics"
        }
    }

    /// The format called `name`; `ancestor`, what failure-forensics' log was first called here,
    /// is failure-forensics.
    package init?(name: String) {
        if name == "ancestor" { self = .failureForensics; return }
        guard let format = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = format
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

    /// The format of `file`, from its first bytes (a pipe's were read into its `head`); an empty
    /// or unreadable file is failure-forensics, whose reader then reports it.
    static func of(_ file: LogFile) -> LogFormatID {
        let prefix = file.firstBytes()
        guard !prefix.isEmpty else { return .failureForensics }
        return prefix.withUnsafeBufferPointer { detect($0) }
    }
}
