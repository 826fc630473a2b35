import Foundation
import Testing
@testable import RegressionKit

/// Traces read end to end: the SDK's fixtures against an independent reader's figures and the
/// same steps in the native format, runs joined across files, and bad input reported with its place.
struct OTLPReaderTests {
    /// The fixture groups, as `scripts/otlp-reference.py` names them.
    static let groups: [(name: String, files: [String])] = [
        ("combined", ["combined-1.otlp.jsonl", "combined-2.otlp.jsonl"]),
        ("openinference", ["openinference.json"]),
        ("genai", ["genai.pb"]),
        ("traceloop", ["traceloop.binpb"]),
        ("variants", ["variants.json"]),
    ]

    static func sources(_ files: [String]) -> [LogSource] { files.map { .file(fixture("otlp/\($0)")) } }

    static func allStats(_ sources: [LogSource]) throws -> [VersionStats] {
        try LogStatistics.read(sources).0.allStats()
    }

    @Test(arguments: groups.map(\.name))
    func theSDKsTracesGiveTheIndependentReadersFiguresAndPercentiles(group: String) throws {
        let files = Self.groups.first { $0.name == group }!.files
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture("otlp/expected.json")))
        let expected = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?[group] as? [String: [String: Any]])
        let stats = try Self.allStats(Self.sources(files))
        #expect(Set(stats.map(\.version)) == Set(expected.keys))
        for version in stats {
            let figures = try #require(expected[version.version])
            #expect(version.runs == figures["runs"] as? Int, "\(group) \(version.version)")
            #expect(version.failedRuns == figures["failed_runs"] as? Int, "\(group) \(version.version)")
            let steps = try #require(figures["steps"] as? [String: [String: Any]])
            #expect(Set(version.steps.keys) == Set(steps.keys))
            for (name, step) in version.steps {
                #expect(step.total == steps[name]?["records"] as? Int, "\(group) \(version.version) \(name)")
                #expect(step.failed == steps[name]?["failed"] as? Int, "\(group) \(version.version) \(name)")
                #expect(step.errorTypes == steps[name]?["error_types"] as? [String: Int], "\(group) \(version.version) \(name)")
                // Latency percentiles within the sketch's relative accuracy (1 %) of the exact ones.
                for (estimate, key) in [(step.latencyP50MS, "latency_p50_ms"), (step.latencyP95MS, "latency_p95_ms")] {
                    let exact = try #require(steps[name]?[key] as? Double)
                    #expect(abs(try #require(estimate) - exact) <= 0.01 * exact, "\(group) \(version.version) \(name) \(key)")
                }
            }
        }
    }

    @Test(arguments: groups.map(\.name))
    func tracesGiveTheStatisticsOfTheSameStepsInTheNativeFormat(group: String) throws {
        let files = Self.groups.first { $0.name == group }!.files
        let traces = try Self.allStats(Self.sources(files))
        let native = try Self.allStats([.file(fixture("otlp/native/\(group).jsonl"))])
        #expect(traces == native)   // counts, error types, latency sketches, cases, timestamps
        #expect(!traces.isEmpty)
    }

    @Test(arguments: ["combined", "genai", "traceloop", "variants"])
    func theGatesVerdictOnTracesIsItsVerdictOnTheNativeSteps(group: String) throws {
        let files = Self.groups.first { $0.name == group }!.files
        for (traces, native) in [(Self.sources(files), [LogSource.file(fixture("otlp/native/\(group).jsonl"))])] {
            let t = try LogStatistics.read(traces).0, n = try LogStatistics.read(native).0
            for policy in [GatePolicy.default] {
                let onTraces = Gate.evaluate(baseline: t.stats(for: "v2")!, candidate: t.stats(for: "v3")!, policy: policy)
                let onNative = Gate.evaluate(baseline: n.stats(for: "v2")!, candidate: n.stats(for: "v3")!, policy: policy)
                #expect(onTraces == onNative)
            }
        }
    }

    @Test func readingRecordByRecordGivesWhatTheScanGives() throws {
        for group in Self.groups {
            var accumulator = StatsAccumulator()
            let summary = try LogReader(sources: Self.sources(group.files)).read { accumulator.add($0) }
            #expect(accumulator.allStats() == (try Self.allStats(Self.sources(group.files))), "\(group.name)")
            #expect(summary.records == accumulator.recordCounts.map(\.records).reduce(0, +))
        }
    }

    @Test func aTraceSplitOverTwoFilesIsOneRunWhateverTheRunScope() throws {
        let dir = temporaryDirectory()
        let root = jsonSpan(span: "00000000000000a1", name: "pipeline", start: 0, end: 100)
        let a = jsonSpan(span: "00000000000000a2", parent: "00000000000000a1", name: "retrieval", start: 1, end: 5)
        let b = jsonSpan(span: "00000000000000a3", parent: "00000000000000a1", name: "generation", start: 6, end: 9,
                         extra: #""status":{"code":2}"#)
        let first = writeTemporary("a.jsonl", Array((jsonRequest([b]) + "\n").utf8), in: dir)
        let second = writeTemporary("b.jsonl", Array((jsonRequest([a]) + "\n" + jsonRequest([root]) + "\n").utf8), in: dir)
        for scope in RunScope.allCases {
            let (accumulator, summary) = try LogReader(sources: [.file(first), .file(second)], runScope: scope)
                .scan(makeState: { _ in StatsAccumulator() })
            let v1 = try #require(accumulator.stats(for: "v1"))
            #expect(v1.runs == 1 && v1.failedRuns == 1 && v1.stepOrder == ["retrieval", "generation"])
            #expect(summary.records == 2 && summary.lines == 3 && summary.runsSplitAcrossFiles == 0)
        }
        var traces = TraceSet()
        let batch = try decodeOTLPJSON(jsonRequest([a, b]))
        traces.add(batch, file: 0) { _ in 1 }
        traces.add(try decodeOTLPJSON(jsonRequest([root])), file: 3) { _ in 1 }
        #expect(traces.traces.map { $0.map(\.origin.file) } == [[0, 0, 3]] && traces.spanCount == 3)
    }

    @Test func documentsOnePerLineBackToBackOrPrettyPrintedAllRead() throws {
        let a = jsonRequest([jsonSpan(span: "00000000000000a1", name: "single", start: 0, end: 2)])
        let pretty = try String(decoding: JSONSerialization.data(
            withJSONObject: JSONSerialization.jsonObject(with: Data(jsonRequest([jsonSpan(trace: "1b8efff798038103d269b633813fc60c", span: "00000000000000b1", name: "pretty")]).utf8)),
            options: [.prettyPrinted]), as: UTF8.self)
        let text = "\u{FEFF}\r\n" + a + "  " + a.replacingOccurrences(of: "5b8e", with: "6b8e") + "\n\n" + pretty + " " + a.replacingOccurrences(of: "5b8e", with: "7b8e") + "\n"
        let path = writeTemporary("docs.json", Array(text.utf8))
        var names: [String] = []
        let summary = try LogReader(sources: [.file(path)]).read { names.append($0.stepName) }
        #expect(names == ["single", "single", "pretty", "single"])
        #expect(summary.emptyLines == 2 && summary.records == 4)
    }

    /// The error a read of `text` (or bytes) stops with.
    func readError(_ bytes: [UInt8], name: String = "t.json") throws -> LogLineError? {
        let path = writeTemporary(name, bytes)
        do {
            _ = try LogReader(sources: [.file(path)]).read { _ in }
            return nil
        } catch LogReadError.badLine(let error) {
            #expect(error.source == path)
            return error
        }
    }

    @Test func aProblemInAPrettyPrintedDocumentIsReportedAtItsLineAndColumn() throws {
        let text = "{\n  \"resourceSpans\": [\n    {\"scopeSpans\": [{\"spans\": [\n      {\"traceId\": \"\", \"spanId\": \"00000000000000a1\"}\n    ]}]}\n  ]\n}\n"
        let error = try #require(try readError(Array(text.utf8)))
        #expect(error.line == 4 && error.column == 19 && error.message == "a span's traceId is empty")
        let unfinished = try #require(try readError(Array("\n{\"resourceSpans\": [\n".utf8)))
        #expect(error.description.hasSuffix(":4:19: a span's traceId is empty"))
        #expect(unfinished.line == 2 && unfinished.column == 1 && unfinished.message == "a JSON document that is not complete at the end of the file")
    }

    @Test(arguments: [
        ("console-exporter.json", 1, 1, "not OTLP: a span as the OpenTelemetry Python SDK's ConsoleSpanExporter prints it"),
        ("end-before-start.otlp.jsonl", 2, nil, "span "),
        ("empty-trace-id.otlp.jsonl", 1, nil, "a span's traceId is empty"),
        ("malformed-span-id.otlp.jsonl", 1, nil, "a span's spanId is neither 16 hex digits nor the base64 of 8 bytes"),
        ("truncated.pb", 1, nil, "at byte 1 (request 1): truncated protobuf: a length of "),
        ("length-past-end.binpb", 2, nil, "at byte "),
        ("no-version.otlp.jsonl", 1, nil, "trace "),
    ] as [(String, Int, Int?, String)])
    func badFilesAreRefusedNamingTheFileAndThePlace(name: String, line: Int, column: Int?, message: String) throws {
        let path = fixture("otlp/bad/\(name)")
        do {
            _ = try LogReader(sources: [.file(path)]).read { _ in }
            Issue.record("\(name) was read")
        } catch LogReadError.badLine(let error) {
            #expect(error.source == path && error.line == line, "\(error)")
            if let column { #expect(error.column == column, "\(error)") }
            #expect(error.message.hasPrefix(message), "\(error)")
        }
    }

    @Test func theRefusalsSayWhatIsWrong() throws {
        func error(_ name: String) throws -> String {
            do { _ = try LogReader(sources: [.file(fixture("otlp/bad/\(name)"))]).read { _ in }; return "" } catch LogReadError.badLine(let e) { return e.message }
        }
        #expect(try error("end-before-start.otlp.jsonl").contains("ends ("))
        #expect(try error("length-past-end.binpb").contains("the length prefix says"))
        #expect(try error("no-version.otlp.jsonl").contains("has no version: none of resource service.version, root langfuse.version"))
    }

    @Test func aTraceWithoutAVersionIsABadRecordTheLimitCanTolerate() throws {
        let path = fixture("otlp/bad/no-version.otlp.jsonl")
        var reported: [LogLineError] = []
        let (alone, aloneSummary) = try LogStatistics.read([.file(path)], maxBadLines: 1, onBadLine: { reported.append($0) })
        #expect(alone.allStats().isEmpty && aloneSummary.badLines == 1 && aloneSummary.records == 0)
        let good = fixture("otlp/genai.pb")
        let (accumulator, summary) = try LogStatistics.read([.file(path), .file(good)], maxBadLines: 1, onBadLine: { reported.append($0) })
        #expect(summary.badLines == 1 && accumulator.stats(for: "v2") != nil)
        #expect(reported.last?.message.hasPrefix("trace ") == true && reported.last?.source == path)
    }

    @Test func tracesAndNativeLogsReadTogether() throws {
        let dir = temporaryDirectory()
        let native = writeTemporary("n.jsonl", Array((records(version: "v1", runs: 2, failing: 1).map(\.jsonLine).joined(separator: "\n") + "\n").utf8), in: dir)
        let trace = writeTemporary("t.json", Array(jsonRequest([jsonSpan(span: "00000000000000a1", name: "single")]).utf8), in: dir)
        let (accumulator, summary) = try LogStatistics.read([.file(trace), .file(native)])
        #expect(accumulator.stats(for: "v1")?.runs == 3 && summary.records == 5)
        #expect(accumulator.recordCounts.map(\.records) == [5])
    }

    @Test func theFirstMatchingRecordOfATraceNamesTheFileAndLineOfItsSpan() throws {
        let files = Self.sources(["combined-1.otlp.jsonl", "combined-2.otlp.jsonl"])
        let found = try #require(try LogReader(sources: files).firstRecord { !$0.success })
        #expect(found.source.hasSuffix("combined-1.otlp.jsonl") || found.source.hasSuffix("combined-2.otlp.jsonl"))
        let text = try String(contentsOfFile: found.source, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false)[found.line - 1]
        #expect(line.contains(found.record.runID))
    }
}
