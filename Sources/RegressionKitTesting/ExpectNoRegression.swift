import Foundation

/// Fails the test when what `recorder` recorded is worse than the named baseline.
///
/// ```swift
/// @Test func ragPipelineDoesNotRegress() async throws {
///     let recorder = Recorder(version: "rag")
///     for query in queries {
///         try? await recorder.run(input: query) { run in try await pipeline.answer(query) }
///     }
///     expectNoRegression(recorder, baseline: "rag")
/// }
/// ```
/// The baseline is `baselines/<name>.json` in the package under test (found from this call's
/// file), in `regress-gate baseline update`'s format. The comparison uses `policy` (default:
/// `statistical`) on failure rates; a verdict at least as severe as `failOn` fails the test, as
/// an `Issue` under Swift Testing or an `XCTFail` under XCTest, at this call. The message leads
/// with the verdict, then each regressed step, then how to re-record if the change is intended.
///
/// Record modes (`record:`, else `withRegressionBaselines` / `.regressionBaselines`, else
/// `REGRESSION_RECORD`, else `never` when `CI` is set, else `missing`): `missing` records a
/// baseline that does not exist and fails ("recorded, run again"); `all` re-records and fails;
/// `failed` re-records only when the comparison fails, and fails; `never` only compares.
///
/// - Parameters:
///   - baseline: the baseline's name: a file name without directories (`rag` → `baselines/rag.json`).
///   - policy: the gate policy; `.thresholds()` for failure-forensics' rules, or
///     `try GatePolicy(contentsOfFile: "gate-policy.json")` for a policy file's quarantine,
///     prices, per-case minimum and token tolerance (a quarantine is judged on the records' day).
///   - mustPass: case keys (`case_id`, else the input) that must never fail: one failed run is a
///     regression whatever the statistics say, and the failure message names it first.
///   - failOn: the least severe failing verdict: `.regressionDetected`, `.warning` or `.insufficientData`.
///   - record: the record mode for this call.
///   - baselineDirectory: where baselines live, absolute or relative to the package root.
///   - comparesLatency: also compare step latencies (off by default: test timings vary by machine).
/// - Returns: the verdict, or nil when nothing was compared (a baseline was missing or unreadable).
@discardableResult
public func expectNoRegression(
    _ recorder: Recorder,
    baseline: String,
    policy: GatePolicy = .default,
    mustPass: [String] = [],
    failOn: Verdict = .regressionDetected,
    record: BaselineRecordMode? = nil,
    baselineDirectory: String? = nil,
    comparesLatency: Bool = false,
    fileID: StaticString = #fileID, filePath: StaticString = #filePath,
    line: UInt = #line, column: UInt = #column, function: StaticString = #function
) -> Verdict? {
    let site = CallSite(fileID: fileID, filePath: filePath, line: line, column: column, function: function)
    return site.check(baseline: baseline, policy: policy.requiring(mustPass: mustPass), failOn: failOn, record: record, directory: baselineDirectory,
                      comparesLatency: comparesLatency) { $0.check(recorder) }
}

/// Fails the test when `records` (one version's) are worse than the named baseline; see
/// `expectNoRegression(_:baseline:policy:mustPass:failOn:record:baselineDirectory:comparesLatency:...)`.
@discardableResult
public func expectNoRegression(
    _ records: [StepRecord],
    baseline: String,
    policy: GatePolicy = .default,
    mustPass: [String] = [],
    failOn: Verdict = .regressionDetected,
    record: BaselineRecordMode? = nil,
    baselineDirectory: String? = nil,
    comparesLatency: Bool = false,
    fileID: StaticString = #fileID, filePath: StaticString = #filePath,
    line: UInt = #line, column: UInt = #column, function: StaticString = #function
) -> Verdict? {
    let site = CallSite(fileID: fileID, filePath: filePath, line: line, column: column, function: function)
    return site.check(baseline: baseline, policy: policy.requiring(mustPass: mustPass), failOn: failOn, record: record, directory: baselineDirectory,
                      comparesLatency: comparesLatency) { $0.check(records) }
}

/// Where `expectNoRegression` was called: failures are reported there.
private struct CallSite {
    var fileID: StaticString, filePath: StaticString, line: UInt, column: UInt, function: StaticString

    func fail(_ message: String) {
        recordIssue(message, fileID: fileID, filePath: filePath, line: line, column: column)
    }

    func check(baseline name: String, policy: GatePolicy, failOn: Verdict, record: BaselineRecordMode?, directory: String?,
               comparesLatency: Bool, _ body: (BaselineExpectation) -> BaselineExpectation.Outcome) -> Verdict? {
        let scope = RegressionBaselinesConfiguration.current
        let mode: RecordModeChoice
        let location: BaselineLocation
        do {
            mode = try RecordModeChoice.resolve(argument: record, scoped: scope?.record,
                                                environment: scope?.environment ?? ProcessInfo.processInfo.environment)
            location = try BaselineLocation(name: name, directory: directory ?? scope?.directory, filePath: "\(filePath)")
        } catch {
            fail("\(error)")
            return nil
        }
        var expectation = BaselineExpectation(location: location, mode: mode)
        expectation.policy = policy
        expectation.failOn = failOn
        expectation.comparesLatency = comparesLatency
        expectation.testName = currentTestName(function: function)
        let outcome = body(expectation)
        expectation.messages(outcome).forEach(fail)
        return outcome.verdict
    }
}
