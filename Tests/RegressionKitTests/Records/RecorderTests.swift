import Foundation
import Testing
@testable import RegressionKit

private struct Timeout: Error {}

private enum SearchError: RecordableError, CustomStringConvertible {
    case rateLimited
    var recordedErrorType: String { "429" }
    var description: String { "rate limited, retry in 2 s" }
}

@Suite("Recorder")
struct RecorderTests {
    @Test func aRunRecordsEachStepWithTheRunsIDInputAndVersion() throws {
        let recorder = Recorder(version: "v2", model: "gemini-flash-latest")
        let answer = recorder.run(input: "How do I reset my password?") { run in
            let docs = run.step("retrieval") { ["doc-1", "doc-2"] }
            let text = run.step("generation") { "Use the reset link (\(docs.count) docs)" }
            run.record("citation", success: true)
            return text
        }
        #expect(answer == "Use the reset link (2 docs)")
        let records = recorder.records
        #expect(records.map(\.stepName) == ["retrieval", "generation", "citation"])
        #expect(Set(records.map(\.runID)).count == 1)
        #expect(records[0].runID.count == 16)
        #expect(records.allSatisfy { $0.success && $0.errorType == nil && $0.promptVersion == "v2" && $0.modelName == "gemini-flash-latest" })
        #expect(records.allSatisfy { $0.inputSummary == "How do I reset my password?" && $0.tokenCount == 0 && $0.timestamp != nil })
        #expect(records[1].outputSummary == "Use the reset link (2 docs)")
        #expect(records[0].outputSummary == "")          // not a String result
        #expect(records[0].latencyMS.map { $0 >= 0 } == true)
        #expect(records[2].latencyMS == nil)              // a check has no duration unless given
    }

    @Test func aThrownErrorFailsTheStepWithItsTypeNameAndIsRethrown() {
        let recorder = Recorder(version: "v2")
        #expect(throws: Timeout.self) {
            try recorder.run(input: "q") { run in
                try run.step("retrieval") { () throws -> Int in throw Timeout() }
                Issue.record("the run must stop at the failed step")
            }
        }
        let failed = recorder.records.first
        #expect(recorder.records.count == 1)
        #expect(failed?.success == false)
        #expect(failed?.errorType == "Timeout")
    }

    @Test func anErrorCanNameItsOwnErrorType() async {
        let recorder = Recorder(version: "v2")
        await #expect(throws: SearchError.self) {
            try await recorder.run(input: "q") { run in
                try await run.step("generation") { () async throws -> String in throw SearchError.rateLimited }
            }
        }
        #expect(recorder.records.first?.errorType == "429")
        #expect(recorder.records.first?.outputSummary == "rate limited, retry in 2 s")
    }

    @Test func aCheckRecordsItsOutcomeAndErrorTypeOnlyOnFailure() {
        let recorder = Recorder(version: "v2")
        recorder.run(input: "q") { run in
            run.record("citation", success: false, errorType: "no_citation", latencyMS: 2.675, tokenCount: 40, output: "no [1]")
            run.record("grounding", success: true, errorType: "ignored on success", latencyMS: -1)
        }
        let records = recorder.records
        #expect(records[0].errorType == "no_citation")
        #expect(records[0].latencyMS == 2.67)
        #expect(records[0].tokenCount == 40)
        #expect(records[0].outputSummary == "no [1]")
        #expect(records[1].errorType == nil)
        #expect(records[1].latencyMS == nil)
    }

    @Test func nestedCodeReachesTheCurrentRunWithoutItBeingPassed() async throws {
        func rerank(_ docs: [String]) async -> [String] {
            await PipelineRun.current!.step("reranking") { () async in docs.reversed() }
        }
        let recorder = Recorder(version: "v2")
        #expect(PipelineRun.current == nil)
        let ids = await recorder.run(input: "q") { run in
            _ = await rerank(["a", "b"])
            let child = await Task { PipelineRun.current?.id }.value   // inherited by child tasks
            return (run.id, child)
        }
        #expect(recorder.records.map(\.stepName) == ["reranking"])
        #expect(recorder.records[0].runID == ids.0)
        #expect(ids.1 == ids.0)
        #expect(PipelineRun.current == nil)
        _ = try #require(ids.1)
    }

    @Test func eachRunHasItsOwnIDAndItsCase() {
        let recorder = Recorder(version: "v2")
        for n in 0..<3 { recorder.run(input: "same query", caseID: "case-\(n)") { $0.record("s", success: true) } }
        recorder.run(id: "fixed") { $0.record("s", success: true) }
        let records = recorder.records
        #expect(Set(records.map(\.runID)).count == 4)
        #expect(records.map(\.caseID) == ["case-0", "case-1", "case-2", nil])
        #expect(records[3].runID == "fixed")
        #expect(records[3].inputSummary == "")
    }

    @Test func summariesAreCutAt200CharactersAsPythonCutsThem() {
        // 199 letters then a ZWJ family: Python's text[:200] keeps the first scalar of the emoji.
        let input = String(repeating: "a", count: 199) + "👨‍👩‍👧"
        let recorder = Recorder(version: "v2")
        recorder.run(input: input) { $0.record("s", success: true, output: String(repeating: "é", count: 300)) }
        let record = recorder.records[0]
        #expect(record.inputSummary?.unicodeScalars.count == 200)
        #expect(record.inputSummary?.unicodeScalars.last == "👨")
        #expect(record.outputSummary?.unicodeScalars.count == 200)
    }

    @Test func recordsAreAppendedToTheLogAndReadBack() throws {
        let path = temporaryDirectory().appendingPathComponent("logs/deep/requests.jsonl").path
        let recorder = try Recorder(version: "v2", model: "m", appendingTo: path)
        recorder.run(input: "q1") { run in
            run.step("retrieval") { () }
            run.record("citation", success: false, errorType: "no_citation")
        }
        let second = try Recorder(version: "v3", appendingTo: path)   // another writer, same file
        second.run(input: "q2") { $0.record("citation", success: true) }
        var read: [StepRecord] = []
        let summary = try LogReader(sources: [.file(path)]).read { read.append($0) }
        #expect(summary.lines == 3 && summary.badLines == 0)
        #expect(read == recorder.records + second.records)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == (recorder.records + second.records).map { $0.jsonLine + "\n" }.joined())
        #expect(recorder.logError == nil)
    }

    @Test func aLogThatCannotBeOpenedIsAnErrorThatNamesIt() throws {
        let directory = temporaryDirectory().path
        #expect(throws: RecordLogError(path: directory, reason: "it is a directory, not a file")) {
            _ = try Recorder(version: "v2", appendingTo: directory)
        }
        let error = RecordLogError(path: "/x.jsonl", reason: "Permission denied")
        #expect(error.description == "cannot append to log file '/x.jsonl': Permission denied; the records are still in memory (Recorder.records)")
    }

    @Test func withoutKeepingRecordsOnlyTheFileGrows() throws {
        let path = temporaryDirectory().appendingPathComponent("r.jsonl").path
        let recorder = try Recorder(version: "v2", appendingTo: path, keepsRecords: false)
        recorder.run { $0.record("s", success: true) }
        #expect(recorder.records.isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count == 1)
    }
}

#if os(Linux)
@Suite("Recorder log errors")
struct RecorderLogErrorTests {
    @Test func aFailedAppendIsKeptAndTheRecordsStayInMemory() throws {
        let recorder = try Recorder(version: "v2", appendingTo: "/dev/full")   // every write fails: ENOSPC
        recorder.run { $0.record("s", success: true) }
        recorder.run { $0.record("s", success: false) }
        #expect(recorder.records.count == 2)
        #expect(recorder.logError == RecordLogError(path: "/dev/full", reason: "No space left on device"))
    }
}
#endif
