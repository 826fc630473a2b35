import Foundation
import RegressionKit

/// Where the tool writes: stdout for results, stderr for diagnostics.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes `text` to stderr, adding a final newline when it lacks one.
    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Writes `text` to stderr as it is.
    static func errRaw(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Reports a tolerated bad log line on stderr.
    static func badLine(_ error: LogLineError) {
        err("warning: \(error) (skipped: --max-bad-lines)")
    }

    /// Whether the text report on stdout gets colour: a terminal, and no `NO_COLOR`.
    static var stdoutIsColored: Bool {
        TerminalStyle.useColor(isTerminal: isatty(STDOUT_FILENO) != 0, environment: ProcessInfo.processInfo.environment)
    }

    /// Runs `body` with a progress callback: on a terminal's stderr, a read that takes more than
    /// two seconds shows a progress line (cleared at the end); elsewhere nothing.
    static func readingLogs<T>(_ body: ((LogReadProgress) -> Void) throws -> T) throws -> T {
        guard isatty(STDERR_FILENO) != 0 else { return try body { _ in } }
        func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        var line = ReadProgressLine(start: now())
        defer { errRaw(line.finish()) }
        return try body { progress in
            if let text = line.update(progress, now: now()) { errRaw(text) }
        }
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
