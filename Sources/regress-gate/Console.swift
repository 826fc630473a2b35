import Foundation
import RegressionKit

/// Where the tool writes: stdout for results, stderr for diagnostics.
enum Console {
    /// Writes `text` to stdout; throws when stdout is gone or full, so the tool can exit 2
    /// instead of trapping (FileHandle's non-throwing `write` traps on EPIPE or ENOSPC).
    static func out(_ text: String) throws(OutputError) {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        } catch {
            throw OutputError(message: "cannot write to standard output: \((error as NSError).localizedDescription)")
        }
    }

    /// Writes a one-line diagnostic to stderr, ending it with a newline: whatever data it quotes
    /// (a version, a step name, a bad line's value), its hidden characters and line breaks are
    /// shown as escapes and it cannot start a CI command (`VisibleText.diagnosticLine`).
    static func err(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(VisibleText.diagnosticLine(text).utf8))
    }

    /// Writes `text` to stderr as it is: the tool's own multi-line text (help), or annotations.
    static func errRaw(_ text: String) {
        guard !text.isEmpty else { return }
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
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


    /// Writes `text` to `path` (atomically) or to stdout when `path` is nil; a failure is an
    /// `OutputError` (exit 2), never a silent loss.
    static func emit(_ text: String, to path: String?) throws(OutputError) {
        guard let path else { try out(text); return }
        do throws(ReportFile.WriteError) {
            try ReportFile.write(text, to: path)
        } catch {
            throw OutputError(message: "cannot write report file '\(path)': \(error)")
        }
    }
}

/// Standard output could not be written: the tool exits 2 rather than report a verdict it could not print.
struct OutputError: Error { var message: String }
