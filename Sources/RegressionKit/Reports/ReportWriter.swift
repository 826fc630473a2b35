import Foundation

/// A report to write: a format and a file, as `--report FORMAT=PATH` names them.
package struct ReportRequest: Sendable, Hashable {
    /// The format.
    package var format: GateReportFormat
    /// The file, as given.
    package var path: String

    /// Creates a request.
    package init(format: GateReportFormat, path: String) {
        self.format = format
        self.path = path
    }
}

/// Writes several reports of one `check`, each whole or not at all.
///
/// Every report is written atomically (temporary file, then rename), except Markdown to the
/// file named by `$GITHUB_STEP_SUMMARY`, which is appended to, as GitHub expects of each step.
/// A report that cannot be written does not stop the others: all that can be are written and
/// the failures returned, so the caller can fail (exit 2) naming each one. A JSON report that
/// cannot be written leaves no verdict of an earlier run in its place (see `removeStaleVerdicts`).
///
/// ```swift
/// let writer = ReportWriter(stepSummaryPath: ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"])
/// let failures = writer.write([ReportRequest(format: .junit, path: "gate.xml")]) { $0.render(report) }
/// ```
package struct ReportWriter: Sendable {
    /// A report that could not be written.
    package struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file.
        package var path: String
        /// The reason, from the operating system.
        var reason: String
        package var description: String { "cannot write report file '\(path)': \(reason)" }
    }

    /// The step-summary file (`$GITHUB_STEP_SUMMARY`), appended to rather than replaced; nil outside GitHub Actions.
    var stepSummaryPath: String?

    /// A writer; `stepSummaryPath` is usually `$GITHUB_STEP_SUMMARY`.
    package init(stepSummaryPath: String? = nil) {
        self.stepSummaryPath = stepSummaryPath.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Writes `contents(format)` to each request's path, skipping requests whose contents are
    /// nil; returns the reports that could not be written.
    package func write(_ requests: [ReportRequest], contents: (GateReportFormat) -> String?) -> [Failure] {
        var failures: [Failure] = []
        for request in requests {
            guard let text = contents(request.format) else { continue }
            do throws(ReportFile.WriteError) {
                if request.format == .markdown, isStepSummary(request.path) {
                    try ReportFile.append(text, to: request.path)
                } else {
                    try ReportFile.write(text, to: request.path)
                }
            } catch {
                failures.append(Failure(path: request.path, reason: error.description))
                removeStaleVerdicts([request])
            }
        }
        return failures
    }

    /// Deletes the JSON verdict an earlier run left at each JSON request's path (through a
    /// symbolic link, at its target; the link stays), when one is there and can be deleted: a
    /// run that writes no JSON report must not leave one to be read as its own. Other files are
    /// left alone.
    package func removeStaleVerdicts(_ requests: [ReportRequest]) {
        for request in requests where request.format == .json {
            let path = Self.canonical(request.path)
            if GateReport.isJSONReport(atPath: path) { unlink(path) }
        }
    }

    /// Whether `path` names the step-summary file (compared as absolute, symlink-free paths).
    func isStepSummary(_ path: String) -> Bool {
        guard let stepSummaryPath else { return false }
        return Self.canonical(path) == Self.canonical(stepSummaryPath)
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
