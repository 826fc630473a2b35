import Foundation
import RegressionKit

/// Where the tool writes: stdout for results, stderr for diagnostics.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Reports a tolerated bad log line on stderr.
    static func badLine(_ error: LogLineError) {
        err("warning: \(error) (skipped: --max-bad-lines)")
    }

    /// Writes `text` to `path` (atomically) or to stdout when `path` is nil.
    static func emit(_ text: String, to path: String?) throws(ReportWriteError) {
        guard let path else { out(text); return }
        do {
            try ReportFile.write(text, to: path)
        } catch {
            throw ReportWriteError(message: "cannot write report file '\(path)': \(error)")
        }
    }
}

/// A report that could not be written: an input error, not a silent loss.
struct ReportWriteError: Error { var message: String }
