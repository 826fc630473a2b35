/// A format `check` can write its report in: `text`, `json`, `markdown`, `junit`, `html`, `github`.
///
/// A struct over a private enum, so a name read from the command line or the environment
/// feeds it (`GateReportFormat(rawValue: "junit")`) and adding a format breaks no one's
/// exhaustive `switch`.
///
/// ```swift
/// let format = GateReportFormat(rawValue: "junit")!
/// let xml = format.render(report)
/// ```
package struct GateReportFormat: Sendable, Hashable, CustomStringConvertible {
    private enum Kind: String, CaseIterable { case text, json, markdown, junit, html, github }
    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// The terminal text report (fits 80 columns).
    static let text = GateReportFormat(.text)
    /// The JSON contract (`schemas/check.schema.json`).
    static let json = GateReportFormat(.json)
    /// GitHub-flavoured Markdown, for `$GITHUB_STEP_SUMMARY` or a pull-request comment.
    static let markdown = GateReportFormat(.markdown)
    /// JUnit XML, for a CI's test tab.
    static let junit = GateReportFormat(.junit)
    /// One self-contained HTML page, for an artifact.
    static let html = GateReportFormat(.html)
    /// GitHub Actions annotations (workflow commands).
    package static let github = GateReportFormat(.github)

    /// Every format, in the order help lists them.
    package static let all: [GateReportFormat] = Kind.allCases.map(GateReportFormat.init)

    /// The format named `rawValue` (`junit`), or nil.
    package init?(rawValue: String) {
        guard let kind = Kind(rawValue: rawValue) else { return nil }
        self.kind = kind
    }

    /// The format's name, as `--format` and `--report` take it.
    package var rawValue: String { kind.rawValue }
    package var description: String { rawValue }

    /// `report` in this format. `failOn` (as `--fail-on`) decides which verdicts JUnit counts
    /// as failures and annotations as errors.
    package func render(_ report: GateReport, failOn: Verdict = .regressionDetected, color: Bool = false) -> String {
        switch kind {
        case .text: return report.text(color: color)
        case .json: return report.jsonText()
        case .markdown: return report.markdown()
        case .junit: return report.junitXML(failOn: failOn)
        case .html: return report.html()
        case .github: return report.githubAnnotations(failOn: failOn)
        }
    }

    /// A report that the gate could not judge, in this format; nil for `json`, whose contract
    /// is a verdict (its file is then not written: a missing file and exit 2 say it all).
    package func render(_ failure: GateFailureReport) -> String? {
        switch kind {
        case .text: return failure.text()
        case .json: return nil
        case .markdown: return failure.markdown()
        case .junit: return failure.junitXML()
        case .html: return failure.html()
        case .github: return failure.githubAnnotations()
        }
    }
}
