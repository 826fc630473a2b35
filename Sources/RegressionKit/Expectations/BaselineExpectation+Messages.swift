/// The texts a failing `expectNoRegression` reports, as far as they say what happened; the
/// advice that follows names commands and is RegressionKitTesting's (see `Failure`). Tests pin
/// each one exactly (RegressionKitTestingTests/RecordModeTests.swift). Names from the records
/// (versions, steps) are escaped where they are written (`TerminalText`), as in every human format.
extension BaselineExpectation {
    /// "fake-rag: 120 runs, 12 failed (10.0 %); 480 steps: retrieval, generation, citation".
    func summary(_ s: VersionStats) -> TerminalText {
        let names = s.stepOrder.prefix(8).joined(separator: ", ") + (s.stepOrder.count > 8 ? ", …" : "")
        return "\(s.version): \(s.runs) run\(s.runs == 1 ? "" : "s"), \(s.failedRuns) failed (\(ReportFormat.percent(s.runFailureRate))); \(s.totalSteps) step\(s.totalSteps == 1 ? "" : "s"): \(names)"
    }

    /// The verdict line and the findings, each on its own line.
    func report(_ result: GateResult) -> String {
        var out: TerminalText = "\(result.verdict.rawValue): \(result.candidate.version) vs baseline \(result.baseline.version) in \(location.displayPath) (policy: \(result.policy))\n"
        for line in result.findings { out += "  \(line)\n" }
        if result.findings.isEmpty { for reason in result.reasons { out += "  \(reason)\n" } }
        return out.string
    }

    var recordedNote: String { "Review the diff and commit it, then run the test again" }

    func recordedMessage(_ stats: VersionStats, replacing damaged: BaselineError?) -> String {
        if let damaged {
            let text: TerminalText = """
            Re-recorded \(location.displayPath) (\(mode.explanation)); the previous file could not be read: \(damaged)
              \(summary(stats))
            \(recordedNote)\(mode.mode == .all ? " without record mode all: a recording run never passes" : "").

            """
            return text.string
        }
        let text: TerminalText = """
        Recorded \(location.displayPath): there was no baseline yet (\(mode.explanation)).
          \(summary(stats))
        Review and commit the file, then run the test again: it compares against this baseline from now on.

        """
        return text.string
    }

    func rerecordedMessage(_ stats: VersionStats, result: GateResult) -> String {
        if mode.mode == .all {
            var out: TerminalText = "Re-recorded \(location.displayPath) (\(mode.explanation)); against the previous baseline the verdict was \(result.verdict.rawValue).\n"
            for line in result.findings { out += "  \(line)\n" }
            out += "  new: \(summary(stats))\n"
            return (out + "\(recordedNote) without record mode all: a recording run never passes.\n").string
        }
        return report(result) + TerminalText("Re-recorded \(location.displayPath) (\(mode.explanation)). \(recordedNote).\n").string
    }

    /// "No baseline at …, and none was recorded (…)."; how to record it follows.
    var notRecordedMessage: String {
        "No baseline at \(location.displayPath), and none was recorded (\(mode.explanation)).\n"
    }

    var noRecordsMessage: String {
        "Nothing to compare with \(location.displayPath): there are no records. Run the pipeline inside recorder.run { run in ... } before expecting no regression.\n"
    }

    func mixedVersionsMessage(_ versions: [String]) -> String {
        TerminalText("The records hold \(versions.count) versions (\(versions.joined(separator: ", "))); \(location.displayPath) is compared with one version at a time: use one Recorder per version.\n").string
    }
}
