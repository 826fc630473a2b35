import Foundation
@testable import RegressionKitTesting
import Testing

/// The exact failure text of every record mode, and what each one writes (like
/// swift-snapshot-testing's RecordTests). Each test gets its own baseline directory and an
/// environment of its own, so `CI` or `REGRESSION_RECORD` on the machine running them do not matter.
@Suite struct RecordModeTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("record-modes-\(UUID().uuidString)").path
    var path: String { directory + "/rag.json" }

    /// 100 runs of the fake pipeline: 14 fail (citation every 10th, retrieval every 25th), or
    /// 52 when the citation fails every 2nd.
    static func recorder(citationFailsEvery: Int = 10) async -> Recorder {
        let recorder = Recorder(version: "fake-rag")
        await FakeRAG(citationFailsEvery: citationFailsEvery).evaluate(into: recorder)
        return recorder
    }

    /// The issues `body` records (it must record at least one): message and line.
    func issues(environment: [String: String] = [:], record: BaselineRecordMode? = nil, _ body: () -> Void) -> [(message: String, line: Int?)] {
        let captured = Captured()
        passing(environment: environment, record: record) {
            withKnownIssue { body() } matching: { issue in
                captured.add(issue.comments.map(\.rawValue).joined(separator: "\n"), line: issue.sourceLocation?.line)
                return true
            }
        }
        return captured.issues
    }

    /// The messages of the issues `body` records (it must record at least one).
    func failures(environment: [String: String] = [:], record: BaselineRecordMode? = nil, _ body: () -> Void) -> [String] {
        issues(environment: environment, record: record, body).map(\.message)
    }

    /// Runs `body`, which must record no issue, with this test's baseline directory and environment.
    func passing<R>(environment: [String: String] = [:], record: BaselineRecordMode? = nil, _ body: () -> R) -> R {
        var configuration = RegressionBaselinesConfiguration(record: record, directory: directory)
        configuration.environment = environment
        return RegressionBaselinesConfiguration.$current.withValue(.scoped(configuration), operation: body)
    }

    /// Records the baseline from the unchanged pipeline.
    func recordBaseline() async {
        let recorder = await Self.recorder()
        _ = failures(record: .missing) { expectNoRegression(recorder, baseline: "rag") }
    }

    func baselineText() throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    static let failingLines = """
      run failure rate: 14.0 % → 52.0 % of runs failed (estimate +38.0 pp, interval [+26.3, +49.2], adj. p < 0.0001): REGRESSION_DETECTED
      citation: 10.4 % → 50.0 % of runs failed (estimate +39.6 pp, interval [+27.6, +51.0], adj. p < 0.0001): REGRESSION_DETECTED
      newly failing cases (38 of 100): "question 13", "question 15", "question 17", "question 19", "question 23", …
      estimates: paired by case (McNemar, Newcombe)
    """

    @Test func missingRecordsTheBaselineAndFailsThenTheNextRunPasses() async throws {
        let recorder = await Self.recorder()
        var verdict: Verdict? = .pass
        let call = #line + 1
        let reported = issues { verdict = expectNoRegression(recorder, baseline: "rag") }
        #expect(verdict == nil)
        #expect(reported.map(\.line) == [call])   // reported at the call
        #expect(reported.map(\.message) == ["""
            Recorded \(path): there was no baseline yet (record mode missing: the default).
              fake-rag: 100 runs, 14 failed (14.0 %); 292 steps: retrieval, generation, citation
            Review and commit the file, then run the test again: it compares against this baseline from now on.
            """])
        let snapshot = try BaselineStore.load(path)   // the format `regress-gate baseline show/check` reads
        #expect(snapshot.stats.runs == 100 && snapshot.stats.failedRuns == 14)
        #expect(snapshot.stats.stepOrder == ["retrieval", "generation", "citation"])
        #expect(snapshot.createdBy == "RegressionKit \(RegressionKitVersion.current) (expectNoRegression)")

        let again = await Self.recorder()
        #expect(passing { expectNoRegression(again, baseline: "rag") } == .pass)
    }

    @Test func inCIAMissingBaselineFailsAndNothingIsWritten() async throws {
        let recorder = await Self.recorder()
        let messages = failures(environment: ["CI": "true"]) { expectNoRegression(recorder, baseline: "rag") }
        #expect(messages == ["""
            No baseline at \(path), and none was recorded (record mode never: CI is set).
            Record it on a development machine (where CI is not set), review it and commit it:
              swift test --filter inCIAMissingBaselineFailsAndNothingIsWritten
            """])
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test func neverFromTheEnvironmentSaysHowToRecord() async throws {
        let recorder = await Self.recorder()
        let messages = failures(environment: ["REGRESSION_RECORD": "never"]) { expectNoRegression(recorder, baseline: "rag") }
        #expect(messages == ["""
            No baseline at \(path), and none was recorded (record mode never: REGRESSION_RECORD=never).
            Record it, review it and commit it:
              REGRESSION_RECORD=missing swift test --filter neverFromTheEnvironmentSaysHowToRecord
            """])
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aRegressionNamesTheStepAndHowToReRecord() async throws {
        await recordBaseline()
        let before = try baselineText()
        let worse = await Self.recorder(citationFailsEvery: 2)
        var verdict: Verdict?
        let messages = failures { verdict = expectNoRegression(worse, baseline: "rag") }
        #expect(verdict == .regressionDetected)
        #expect(messages == ["""
            REGRESSION_DETECTED: fake-rag vs baseline fake-rag in \(path) (policy: statistical)
            \(Self.failingLines)
            If the change is intended, re-record the baseline, review the diff and commit it:
              REGRESSION_RECORD=failed swift test --filter aRegressionNamesTheStepAndHowToReRecord
              (or in code: withRegressionBaselines(record: .failed) { ... }, or the trait .regressionBaselines(record: .failed))
            """])
        #expect(try baselineText() == before)
    }

    @Test func failedReRecordsOnlyWhatFails() async throws {
        await recordBaseline()
        let before = try baselineText()
        let same = await Self.recorder()
        #expect(passing(record: .failed) { expectNoRegression(same, baseline: "rag") } == .pass)
        #expect(try baselineText() == before)

        let worse = await Self.recorder(citationFailsEvery: 2)
        let messages = failures(record: .failed) { expectNoRegression(worse, baseline: "rag") }
        #expect(messages == ["""
            REGRESSION_DETECTED: fake-rag vs baseline fake-rag in \(path) (policy: statistical)
            \(Self.failingLines)
            Re-recorded \(path) (record mode failed: set by withRegressionBaselines or .regressionBaselines). Review the diff and commit it, then run the test again.
            """])
        #expect(try BaselineStore.load(path).stats.failedRuns == 52)
        #expect(passing { expectNoRegression(worse, baseline: "rag") } == .pass)
    }

    @Test func allReRecordsAndFailsEvenWhenNothingChanged() async throws {
        await recordBaseline()
        let worse = await Self.recorder(citationFailsEvery: 2)
        let messages = failures(environment: ["REGRESSION_RECORD": "all"]) { expectNoRegression(worse, baseline: "rag") }
        #expect(messages == ["""
            Re-recorded \(path) (record mode all: REGRESSION_RECORD=all); against the previous baseline the verdict was REGRESSION_DETECTED.
            \(Self.failingLines)
              new: fake-rag: 100 runs, 52 failed (52.0 %); 292 steps: retrieval, generation, citation
            Review the diff and commit it, then run the test again without record mode all: a recording run never passes.
            """])
        #expect(try BaselineStore.load(path).stats.failedRuns == 52)

        let again = failures(environment: ["REGRESSION_RECORD": "all"]) { expectNoRegression(worse, baseline: "rag") }
        #expect(again.first?.hasPrefix("Re-recorded \(path) (record mode all: REGRESSION_RECORD=all); against the previous baseline the verdict was PASS.\n") == true)
    }

    @Test func theArgumentBeatsTheScopeWhichBeatsTheEnvironment() async throws {
        let recorder = await Self.recorder()
        let messages = failures(environment: ["REGRESSION_RECORD": "all"], record: .never) {
            expectNoRegression(recorder, baseline: "rag")
            expectNoRegression(recorder, baseline: "rag", record: .missing)
        }
        #expect(messages.count == 2)
        #expect(messages.first?.hasPrefix("No baseline at \(path), and none was recorded (record mode never: set by withRegressionBaselines or .regressionBaselines).") == true)
        #expect(messages.last?.hasPrefix("Recorded \(path): there was no baseline yet (record mode missing: passed to expectNoRegression).") == true)
    }

    @Test func aDamagedBaselineFailsUnlessReRecorded() async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "{".write(toFile: path, atomically: true, encoding: .utf8)
        let recorder = await Self.recorder()
        let messages = failures { expectNoRegression(recorder, baseline: "rag") }
        #expect(messages == ["""
            \(path):1:2: baseline is not valid JSON: expected a string, found end of line; restore it from version control or re-create it with 'regress-gate baseline update --logs LOGS --version VERSION --baseline \(path)'
            Or re-record it from this test: REGRESSION_RECORD=all swift test --filter aDamagedBaselineFailsUnlessReRecorded
            """])
        #expect(try baselineText() == "{")
        let rerecorded = failures(record: .all) { expectNoRegression(recorder, baseline: "rag") }
        #expect(rerecorded.first?.hasPrefix("Re-recorded \(path) (record mode all: set by withRegressionBaselines or .regressionBaselines); the previous file could not be read: \(path):1:2:") == true)
        #expect(try BaselineStore.load(path).stats.runs == 100)
    }

    @Test func insufficientDataPassesUnlessFailOnAsksForIt() async throws {
        await recordBaseline()
        let few = Recorder(version: "fake-rag")
        for i in 0..<12 {
            few.run(input: "q\(i)") { run in
                run.record("retrieval", success: true)
                run.record("generation", success: true)
                run.record("citation", success: i % 3 != 0, errorType: "no_citation")
            }
        }
        #expect(passing { expectNoRegression(few, baseline: "rag") } == .insufficientData)
        let messages = failures { expectNoRegression(few, baseline: "rag", failOn: .insufficientData) }
        #expect(messages == ["""
            INSUFFICIENT_DATA: fake-rag vs baseline fake-rag in \(path) (policy: statistical)
              run failure rate: 14.0 % → 33.3 % of runs failed (estimate +19.3 pp, interval [-3.9, +50.9], adj. p 0.3025): INSUFFICIENT_DATA; about 35 candidate runs would settle it
              retrieval: 4.0 % → 0.0 % of runs failed (estimate -4.0 pp, interval [-11.0, +26.6], adj. p 1.0000): INSUFFICIENT_DATA; about 32 candidate runs would settle it
              generation: 0.0 % → 0.0 % of runs failed (estimate 0.0 pp, interval [-5.0, +30.6], adj. p 1.0000): INSUFFICIENT_DATA; about 46 candidate runs would settle it
              citation: 10.4 % → 33.3 % of runs failed (estimate +22.9 pp, interval [-0.1, +54.3], adj. p 0.1930): INSUFFICIENT_DATA; about 20 candidate runs would settle it
              estimates: unpaired (Fisher, Newcombe)
            If the change is intended, re-record the baseline, review the diff and commit it:
              REGRESSION_RECORD=failed swift test --filter insufficientDataPassesUnlessFailOnAsksForIt
              (or in code: withRegressionBaselines(record: .failed) { ... }, or the trait .regressionBaselines(record: .failed))
            """])
    }

    @Test func sequentialStaysHonestWhenATestRecordsMoreRunsAndChecksAgain() async throws {
        await recordBaseline()
        // The loop a test may run: while undecided, record 100 more runs and check again.
        let same = Recorder(version: "fake-rag")
        var verdicts: [Verdict?] = []
        for _ in 0..<3 {
            await FakeRAG(citationFailsEvery: 10).evaluate(into: same)
            verdicts.append(passing { expectNoRegression(same, baseline: "rag", policy: .sequential()) })
            if verdicts.last != .insufficientData { break }
        }
        #expect(!verdicts.isEmpty && verdicts.allSatisfy { $0 == .pass || $0 == .insufficientData }, "\(verdicts)")
        let worse = await Self.recorder(citationFailsEvery: 2)
        let messages = failures { expectNoRegression(worse, baseline: "rag", policy: .sequential()) }
        #expect(messages.first?.hasPrefix("REGRESSION_DETECTED: fake-rag vs baseline fake-rag in \(path) (policy: sequential)") == true, "\(messages)")
    }

    @Test func inputThatCannotBeJudgedFailsAndSaysWhy() async throws {
        let recorder = await Self.recorder()
        #expect(failures { expectNoRegression(recorder, baseline: "../rag") } == [
            "baseline name '../rag' contains a path separator; a name is a file name in baselines/, like \"rag-pipeline\" (pass baselineDirectory: to use another directory)",
        ])
        #expect(failures(environment: ["REGRESSION_RECORD": "yes"]) { expectNoRegression(recorder, baseline: "rag") } == [
            "REGRESSION_RECORD='yes' is not a record mode; use one of all, failed, missing, never, or unset it",
        ])
        #expect(failures { expectNoRegression(Recorder(version: "fake-rag"), baseline: "rag") } == [
            "Nothing to compare with \(path): there are no records. Run the pipeline inside recorder.run { run in ... } before expecting no regression.",
        ])
        let mixed = recorder.records + [StepRecord(runID: "x", stepName: "citation", success: true, promptVersion: "other")]
        #expect(failures { expectNoRegression(mixed, baseline: "rag") } == [
            "The records hold 2 versions (fake-rag, other); \(path) is compared with one version at a time: use one Recorder per version.",
        ])
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test func aRecorderWithALogAlsoOffersTheCommandLineAndReportsLostLines() async throws {
        await recordBaseline()
        let log = directory + "/logs/rag.jsonl"
        let logged = try Recorder(version: "fake-rag", appendingTo: log)
        await FakeRAG(citationFailsEvery: 2).evaluate(into: logged)
        let messages = failures { expectNoRegression(logged, baseline: "rag") }
        #expect(messages.first?.hasSuffix("""
              or from the log: swift package --allow-writing-to-package-directory regress-gate baseline update --logs \(log) --version fake-rag --baseline \(path)
            """) == true)
        #if os(Linux)
        let full = try Recorder(version: "fake-rag", appendingTo: "/dev/full")
        await FakeRAG().evaluate(into: full)
        #expect(failures { expectNoRegression(full, baseline: "rag") } == [
            "The recorder lost lines of its log: cannot append to log file '/dev/full': No space left on device; the records are still in memory (Recorder.records)",
        ])
        #endif
    }

    @Test(.regressionBaselines(record: .never)) func theTraitSetsTheModeOfATest() async throws {
        let recorder = await Self.recorder()
        #expect(RegressionBaselinesConfiguration.current?.record == .never)
        let messages = failures(environment: ["REGRESSION_RECORD": "all"]) { expectNoRegression(recorder, baseline: "rag") }
        #expect(messages.first?.hasPrefix("No baseline at \(path), and none was recorded (record mode never: set by withRegressionBaselines or .regressionBaselines).") == true)
    }

    @Test func withRegressionBaselinesNestsFieldByField() async {
        await withRegressionBaselines(record: .all, directory: "outer") {
            await withRegressionBaselines(record: .never) {
                await Task.yield()
                #expect(RegressionBaselinesConfiguration.current?.record == .never)
                #expect(RegressionBaselinesConfiguration.current?.directory == "outer")
            }
            #expect(RegressionBaselinesConfiguration.current?.record == .all)
        }
        #expect(RegressionBaselinesConfiguration.current?.record == nil)
    }
}

/// Issues collected from a `withKnownIssue` matcher.
final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [(message: String, line: Int?)] = []

    func add(_ message: String, line: Int?) {
        lock.withLock { values.append((message, line)) }
    }

    var issues: [(message: String, line: Int?)] { lock.withLock { values } }
}

/// The trait on a suite applies to each of its tests.
@Suite(.regressionBaselines(record: .failed, directory: "Tests/baselines"))
struct SuiteTraitTests {
    @Test func everyTestOfTheSuiteHasTheSuitesConfiguration() {
        #expect(RegressionBaselinesConfiguration.current?.record == .failed)
        #expect(RegressionBaselinesConfiguration.current?.directory == "Tests/baselines")
    }

    @Test(.regressionBaselines(record: .all)) func aTestsOwnTraitOverridesTheSuites() {
        #expect(RegressionBaselinesConfiguration.current?.record == .all)
        #expect(RegressionBaselinesConfiguration.current?.directory == "Tests/baselines")
    }
}
