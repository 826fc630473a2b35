import RegressionKit

/// What a failing `expectNoRegression` tells its user to do: the commands of a Swift test run
/// (`swift test --filter`, `REGRESSION_RECORD`, the record-mode API) and of `regress-gate`.
///
/// The library decides and says what happened (`BaselineExpectation.Failure`) but knows no
/// command line; this file finishes each message. Tests pin every one exactly
/// (RegressionKitTestingTests/RecordModeTests.swift).
extension BaselineExpectation {
    /// The messages the test reports for `outcome`, one per failure, without a final newline.
    func messages(_ outcome: Outcome) -> [String] {
        outcome.failures.map { failure in
            let text = message(failure)
            return text.hasSuffix("\n") ? String(text.dropLast()) : text
        }
    }

    private func message(_ failure: Failure) -> String {
        switch failure {
        case .said(let text): text
        case .regressed(let report, let version, let logFile): report + rerecordHint(version: version, logFile: logFile)
        case .notRecorded(let problem): problem + howToRecord
        case .unreadable(let error): damagedMessage(error)
        }
    }

    /// `swift test --filter NAME`, or `swift test` when the test's name is unknown.
    var testCommand: String {
        guard let name = testName?.split(separator: "(").first, !name.isEmpty else { return "swift test" }
        return "swift test --filter \(name)"
    }

    /// How to re-record on purpose.
    func rerecordHint(version: String, logFile: String?) -> String {
        var out = "If the change is intended, re-record the baseline, review the diff and commit it:\n"
        if mode.source == .argument {
            out += "  pass record: .failed to expectNoRegression and run \(testCommand)\n"
        } else {
            out += "  \(BaselineRecordMode.environmentVariable)=failed \(testCommand)\n"
            out += "  (or in code: withRegressionBaselines(record: .failed) { ... }, or the trait .regressionBaselines(record: .failed))\n"
        }
        if let logFile {
            out += "  or from the log: swift package --allow-writing-to-package-directory \(baselineUpdate(logs: displayed(logFile), version: version, baseline: location.displayPath))\n"
        }
        return out
    }

    /// How to record a missing baseline, by what chose the mode that did not.
    var howToRecord: String {
        switch mode.source {
        case .continuousIntegration:
            "Record it on a development machine (where CI is not set), review it and commit it:\n  \(testCommand)\n"
        case .environment:
            "Record it, review it and commit it:\n  \(BaselineRecordMode.environmentVariable)=missing \(testCommand)\n"
        case .argument, .scope, .default:
            "Record it with record mode missing, review it and commit it.\n"
        }
    }

    /// The error, naming the tool's command that re-creates the file, then how to replace it from
    /// this test. Each line is shown as a terminal shows data: the error quotes the file.
    func damagedMessage(_ error: BaselineError) -> String {
        let recreate = "'\(baselineUpdate(logs: "LOGS", version: "VERSION", baseline: error.path))'"
        return VisibleText.diagnosticLine(error.description(creatingWith: recreate))
            + VisibleText.diagnosticLine("Or re-record it from this test: \(BaselineRecordMode.environmentVariable)=all \(testCommand)")
    }

    /// The command line of `regress-gate` that freezes `version` of `logs` as the baseline file
    /// `baseline`. (The tool's own errors name it too, in Sources/regress-gate/ErrorMessage.swift:
    /// this module cannot import an executable.)
    func baselineUpdate(logs: String, version: String, baseline: String) -> String {
        "regress-gate baseline update --logs \(logs) --version \(version) --baseline \(baseline)"
    }

    /// `path` relative to the package root when inside it.
    func displayed(_ path: String) -> String {
        guard let root = location.packageRoot, path.hasPrefix(root + "/") else { return path }
        return String(path.dropFirst(root.count + 1))
    }
}
