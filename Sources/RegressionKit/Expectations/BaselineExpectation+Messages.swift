/// The texts a failing `expectNoRegression` reports: what happened first, then what to do.
/// Tests pin each one exactly (RegressionKitTestingTests/RecordModeTests.swift). Names from the
/// records (versions, steps) are escaped where they are written (`TerminalText`), as in every
/// human format.
extension BaselineExpectation {
    /// `swift test --filter NAME`, or `swift test` when the test's name is unknown.
    var testCommand: String {
        guard let name = testName?.split(separator: "(").first, !name.isEmpty else { return "swift test" }
        return "swift test --filter \(name)"
    }

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

    /// How to re-record on purpose.
    func rerecordHint(version: String) -> String {
        var out = "If the change is intended, re-record the baseline, review the diff and commit it:\n"
        if mode.source == .argument {
            out += "  pass record: .failed to expectNoRegression and run \(testCommand)\n"
        } else {
            out += "  \(BaselineRecordMode.environmentVariable)=failed \(testCommand)\n"
            out += "  (or in code: withRegressionBaselines(record: .failed) { ... }, or the trait .regressionBaselines(record: .failed))\n"
        }
        if let logFile {
            out += "  or from the log: swift package --allow-writing-to-package-directory regress-gate baseline update --logs \(displayed(logFile)) --version \(version) --baseline \(location.displayPath)\n"
        }
        return out
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

    var notRecordedMessage: String {
        var out = "No baseline at \(location.displayPath), and none was recorded (\(mode.explanation)).\n"
        switch mode.source {
        case .continuousIntegration:
            out += "Record it on a development machine (where CI is not set), review it and commit it:\n  \(testCommand)\n"
        case .environment:
            out += "Record it, review it and commit it:\n  \(BaselineRecordMode.environmentVariable)=missing \(testCommand)\n"
        case .argument, .scope, .default:
            out += "Record it with record mode missing, review it and commit it.\n"
        }
        return out
    }

    func damagedMessage(_ error: BaselineError) -> String {
        TerminalText("\(error)\nOr re-record it from this test: \(BaselineRecordMode.environmentVariable)=all \(testCommand)\n").string
    }

    var noRecordsMessage: String {
        "Nothing to compare with \(location.displayPath): there are no records. Run the pipeline inside recorder.run { run in ... } before expecting no regression.\n"
    }

    func mixedVersionsMessage(_ versions: [String]) -> String {
        TerminalText("The records hold \(versions.count) versions (\(versions.joined(separator: ", "))); \(location.displayPath) is compared with one version at a time: use one Recorder per version.\n").string
    }
}
