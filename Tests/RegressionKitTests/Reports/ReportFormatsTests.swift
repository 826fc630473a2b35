import Foundation
import Testing
@testable import RegressionKit

@Suite("Report formats")
struct ReportFormatsTests {
    /// v3 of the shipped fixtures against the v2 baseline, as `check` builds it.
    static func fixtureReport(policy: GatePolicy = .default) throws -> GateReport {
        try GateCheck.run(baselinePath: packageRoot.appendingPathComponent("baselines/baseline.json").path,
                          sources: [.file(fixture("requests.jsonl"))], candidate: "v3", policy: policy)
    }

    @Test func xmlEscapingKeepsMarkupOutAndShowsHiddenCharacters() {
        #expect(MarkupEscaping.text("a<b & \"c\" >") == "a&lt;b &amp; \"c\" &gt;")
        #expect(MarkupEscaping.attribute("it's \"x\"\n\ty\r") == #"it&#39;s &quot;x&quot;\n\ty\r"#)
        #expect(MarkupEscaping.text("bell\u{07} esc\u{1B} nul\u{00} del\u{7F} c1\u{9B} tab\t nl\n") == #"bell\u{7} esc\u{1B} nul\u{0} del\u{7F} c1\u{9B} tab\t nl\n"#)
        // An emoji sequence keeps its joiners; a lone joiner, a separator and a noncharacter do not pass.
        #expect(MarkupEscaping.text("Şifre 👨‍👩‍👧‍👦 \u{2028} \u{200D} \u{FFFF}") == #"Şifre 👨‍👩‍👧‍👦 \u{2028} \u{200D} \#u{FFFD}"#)
        #expect(MarkupEscaping.lines(["a\nb", "<c>"]) == "a\\nb\n&lt;c&gt;")
    }

    @Test func workflowCommandsEscapeDataAndProperties() {
        #expect(GitHubWorkflowCommand.line("warning", properties: [("title", "a: b, 5%")], message: "50% up\nsee: log, now")
                == "::warning title=a%3A b%2C 5%25::50%25 up%0Asee: log, now\n")
        // Only the message's line breaks stay (as %0A); a carriage return, a bidi override shows.
        #expect(GitHubWorkflowCommand.line("error", properties: [("title", "x\ny")], message: "a\rb\u{202E}c")
                == #"::error title=x\ny::a\rb\u{202E}c"# + "\n")
        #expect(GitHubWorkflowCommand.line("notice", message: "plain") == "::notice::plain\n")
    }

    @Test func formatsRoundTripTheirNames() {
        #expect(GateReportFormat.all.map(\.rawValue) == ["text", "json", "markdown", "junit", "html", "github"])
        #expect(GateReportFormat.all.allSatisfy { GateReportFormat(rawValue: $0.rawValue) == $0 })
        #expect(GateReportFormat(rawValue: "xml") == nil)
    }

    @Test func dailyRatesFollowTheTimestampsDate() throws {
        let report = try Self.fixtureReport()
        let days = report.daily.days
        #expect(days.map(\.date) == ["2026-11-08", "2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12"])
        #expect(days.reduce(0) { $0 + $1.steps } == report.result.candidate.steps)
        #expect(days.reduce(0) { $0 + $1.failed } == report.result.candidate.failed)
        let anomaly = days[2]
        #expect((anomaly.steps, anomaly.failed) == (176, 47))                       // 10 Nov: the outage day
        #expect(days.filter { $0.date != "2026-11-10" }.allSatisfy { $0.failureRate < anomaly.failureRate })
        var halves = (DailyFailureRates(), DailyFailureRates())
        for (n, r) in [StepRecord(runID: "a", stepName: "s", success: false, promptVersion: "v", timestamp: "2026-11-10T23:59:59.5-05:00"),
                       StepRecord(runID: "b", stepName: "s", success: true, promptVersion: "v", timestamp: "2026-11-10T01:00:00+00:00"),
                       StepRecord(runID: "c", stepName: "s", success: true, promptVersion: "v", timestamp: "yesterday"),
                       StepRecord(runID: "d", stepName: "s", success: true, promptVersion: "v")].enumerated() {
            if n % 2 == 0 { halves.0.add(r) } else { halves.1.add(r) }
        }
        halves.0.merge(halves.1)
        #expect(halves.0.days.map { [$0.date: [$0.steps, $0.failed]] } == [["2026-11-10": [2, 1]]])
    }

    @Test func firstFailuresCountEachFailedRunOnce() throws {
        let report = try Self.fixtureReport()
        let tally = report.firstFailures
        #expect(tally.failedRunCount == report.result.candidate.failedRuns)
        #expect(tally.causes.reduce(0) { $0 + $1.runs } == tally.failedRunCount)
        #expect(zip(tally.causes, tally.causes.dropFirst()).allSatisfy { $0.runs >= $1.runs })
        var small = FirstFailureTally()
        for r in [StepRecord(runID: "1", stepName: "retrieval", success: false, promptVersion: "v", errorType: "timeout"),
                  StepRecord(runID: "1", stepName: "generation", success: false, promptVersion: "v", errorType: "hallucination"),
                  StepRecord(runID: "2", stepName: "retrieval", success: false, promptVersion: "v", errorType: ""),
                  StepRecord(runID: "3", stepName: "retrieval", success: true, promptVersion: "v")] { small.add(r) }
        #expect(small.causes == [.init(step: "retrieval", errorType: "timeout", runs: 1), .init(step: "retrieval", errorType: "unknown", runs: 1)])
    }

    @Test func junitCapsAStepAtTheGateVerdictAndHonoursFailOn() throws {
        let thresholds = try Self.fixtureReport(policy: .thresholds(ThresholdsPolicy()))
        #expect(thresholds.result.verdict == .warning)
        let xml = thresholds.junitXML()
        #expect(xml.contains("tests=\"6\" failures=\"0\" errors=\"0\""))
        #expect(xml.contains("<system-out>WARNING: citation failure rate 8.0 % (21/263) → 24.8 % (57/230), +16.8 pp\ninformational: under the thresholds policy"))
        let strict = thresholds.junitXML(failOn: .warning)
        // the gate, the overall rate, and the steps that rose more than 5 pp (citation capped at WARNING)
        #expect(strict.contains("tests=\"6\" failures=\"5\""))
        #expect(strict.contains("<failure type=\"WARNING\" message=\"WARNING: citation failure rate"))
    }

    @Test func progressShowsOnlyOnLongReadsAndClearsItself() {
        let progress = LogReadProgress(source: "big.jsonl", bytesRead: 120_000_000, totalBytes: 347_000_000, records: 310_000)
        var line = ReadProgressLine(start: 100)
        #expect(line.update(progress, now: 101.9) == nil)
        #expect(line.finish() == "")
        #expect(line.update(progress, now: 102.0) == "\r\u{1B}[Kreading big.jsonl: 120 of 347 MB (34 %), 310000 records")
        #expect(line.update(progress, now: 102.1) == nil)                 // at most four a second
        #expect(line.update(progress, now: 102.3) != nil)
        #expect(line.finish() == "\r\u{1B}[K")
        let piped = LogReadProgress(source: "-", bytesRead: 5_000_000, totalBytes: nil, records: 12)
        #expect(ReadProgressLine.describe(piped) == "reading -: 5 MB, 12 records")
    }

    @Test func colourOnlyOnATerminalWithoutNoColor() {
        #expect(TerminalStyle.useColor(isTerminal: true, environment: [:]))
        #expect(TerminalStyle.useColor(isTerminal: true, environment: ["NO_COLOR": ""]))       // set but empty: no-color.org says colour
        #expect(!TerminalStyle.useColor(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(!TerminalStyle.useColor(isTerminal: true, environment: ["TERM": "dumb"]))
        #expect(!TerminalStyle.useColor(isTerminal: false, environment: [:]))
        #expect(TerminalStyle.colored(.warning) == "\u{1B}[33mWARNING\u{1B}[0m")
    }

    /// `--color`: `always` and `never` decide, `auto` is the rule above, and `NO_COLOR` vetoes all.
    @Test func aColourChoiceDecidesUnlessNoColorIsSet() {
        #expect(ColorChoice.allCases.map(\.rawValue) == ["auto", "always", "never"])
        #expect(TerminalStyle.useColor(.always, isTerminal: false, environment: ["TERM": "dumb", "NO_COLOR": ""]))
        #expect(!TerminalStyle.useColor(.always, isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(!TerminalStyle.useColor(.never, isTerminal: true, environment: [:]))
        #expect(TerminalStyle.useColor(.auto, isTerminal: true, environment: [:]))
        #expect(!TerminalStyle.useColor(.auto, isTerminal: false, environment: [:]))
        #expect(!TerminalStyle.useColor(.auto, isTerminal: true, environment: ["TERM": "dumb"]))
    }
}
