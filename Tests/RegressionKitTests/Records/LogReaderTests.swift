import Foundation
import Testing
@testable import RegressionKit

@Suite("Streaming log reader")
struct LogReaderTests {
    @Test func acceptsBOMCRLFBlankLinesAndAMissingFinalNewline() throws {
        var seen: [StepRecord] = []
        let summary = try LogReader(sources: [.file(fixture("small/quirks.jsonl"))]).read { seen.append($0) }
        #expect(seen.count == 3)
        #expect(seen.map(\.stepName) == ["retrieval", "generation", "retrieval"])
        #expect(summary.lines == 5)
        #expect(summary.emptyLines == 2)
        #expect(summary.badLines == 0)
    }

    @Test func aBadLineStopsTheReadNamingFileAndLine() {
        let path = fixture("bad/malformed-line.jsonl")
        #expect {
            try LogReader(sources: [.file(path)]).read { _ in }
        } throws: { error in
            guard case .badLine(let e)? = error as? LogReadError else { return false }
            // The library says what is wrong and where; the tool adds which flag gets past it.
            return e.source == path && e.line == 3 && e.column != nil && "\(error)" == "\(e)" && !"\(error)".contains("--")
        }
    }

    @Test func maxBadLinesToleratesReportsAndCounts() throws {
        var reported: [LogLineError] = []
        var records = 0
        let summary = try LogReader(sources: [.file(fixture("bad/malformed-line.jsonl")), .file(fixture("bad/wrong-type.jsonl"))], maxBadLines: 2)
            .read({ _ in records += 1 }, onBadLine: { reported.append($0) })
        #expect(reported.map(\.line) == [3, 3])
        #expect(summary.badLines == 2)
        #expect(records == 5)
    }

    @Test func oneBadLineMoreThanAllowedFails() {
        #expect {
            try LogReader(sources: [.file(fixture("bad/malformed-line.jsonl")), .file(fixture("bad/wrong-type.jsonl"))], maxBadLines: 1).read { _ in }
        } throws: { error in
            guard case .tooManyBadLines(1, let last)? = error as? LogReadError else { return false }
            return last.source.hasSuffix("wrong-type.jsonl") && last.line == 3
        }
    }

    @Test func missingFileAndDirectoryAreErrors() {
        #expect(throws: LogReadError.cannotOpen(source: "/no/such/file.jsonl", reason: "No such file or directory")) {
            try LogReader(sources: [.file("/no/such/file.jsonl")]).read { _ in }
        }
        #expect(throws: LogReadError.self) { try LogReader(sources: [.file(fixture("bad"))]).read { _ in } }
    }

    @Test func linesAcrossReadChunksAreJoined() throws {
        // A record longer than the 1 MiB read chunk, between two short ones.
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("long.jsonl").path
        let big = String(repeating: "é", count: 800_000)
        let lines = [
            #"{"run_id":"a","step_name":"s","success":true,"prompt_version":"v1"}"#,
            #"{"run_id":"b","step_name":"s","success":false,"prompt_version":"v1","output_summary":"\#(big)"}"#,
            #"{"run_id":"c","step_name":"s","success":true,"prompt_version":"v1"}"#,
        ]
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var seen: [StepRecord] = []
        try LogReader(sources: [.file(path)]).read { seen.append($0) }
        #expect(seen.map(\.runID) == ["a", "b", "c"])
        #expect(seen[1].outputSummary?.count == 800_000)
    }

    @Test func aLineOverTheLimitIsABadLineNotAnUnboundedBuffer() throws {
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("huge.jsonl").path
        var data = Data(#"{"run_id":"a","step_name":"s","success":true,"prompt_version":"v1"}"#.utf8 + [0x0A])
        data.append(Data(repeating: 0x41, count: LogReader.maxLineBytes + 10))
        data.append(Data([0x0A] + #"{"run_id":"c","step_name":"s","success":true,"prompt_version":"v1"}"#.utf8))
        try data.write(to: URL(fileURLWithPath: path))
        var reported: [LogLineError] = []
        var seen: [String] = []
        try LogReader(sources: [.file(path)], maxBadLines: 1).read({ seen.append($0.runID) }, onBadLine: { reported.append($0) })
        #expect(seen == ["a", "c"])
        #expect(reported.count == 1 && reported[0].line == 2 && reported[0].message.contains("longer than"))
    }
}
