import Foundation
import Testing
@testable import RegressionKit

/// A large OTLP/JSON file is read in pieces on several threads and its traces mapped on several;
/// everything a read reports must be what one read line by line reports.
@Suite("OTLP/JSON read in pieces")
struct OTLPPiecesTests {
    /// Reads `path` as a large file: in pieces when `shards` > 1, in reads of `chunkBytes` (small
    /// reads make threads that finish early take over others' pieces many times), mapping traces
    /// on `shards` threads. Returns the statistics, the summary and the bad lines reported.
    func read(_ paths: [String], shards: Int, chunkBytes: Int = LineSplitter.chunkSize, maxBadLines: Int = 0)
        throws -> (StatsAccumulator, LogReadSummary, [LogLineError]) {
        var reader = LogReader(sources: paths.map { .file($0) }, maxBadLines: maxBadLines)
        reader.pieces.shardingThreshold = 1
        reader.pieces.shards = shards
        reader.pieces.chunkBytes = chunkBytes
        reader.pieces.minimumPiece = chunkBytes
        reader.pieces.minimumTracesPerThread = 1
        var bad: [LogLineError] = []
        let (stats, summary) = try reader.scan(makeState: { _ in StatsAccumulator() }, onBadLine: { bad.append($0) })
        return (stats, summary, bad)
    }

    /// `traces` traces as the Collector's file exporter writes them, a few per line: versions
    /// v1 and v2 (the root's `langfuse.version`), failing steps, a trace in four split over two
    /// lines (its root on the second), every 25th trace's last step 10 lines later, and blank lines.
    static func traces(_ count: Int, bom: Bool = false) -> String {
        var lines: [[String]] = [[]]
        var late: [Int: [String]] = [:]   // spans held back to a later line
        for t in 0..<count {
            let trace = String(format: "%032x", 0xABC0_0000 + t)
            let root = String(format: "%016x", 0x1000 + 10 * t)
            let t0 = UInt64(1_794_300_000_000_000_000) + UInt64(t) * 1_000_000_000
            var spans: [String] = []
            for (k, step) in ["retrieval", "generation", "citation"].prefix(2 + t % 2).enumerated() {
                let failed = (t * 7 + k) % 11 == 0
                spans.append(jsonSpan(trace: trace, span: String(format: "%016x", 0x1000 + 10 * t + k + 1), parent: root, name: step,
                                      start: t0 + UInt64(k) * 50_000_000, end: t0 + UInt64(k) * 50_000_000 + UInt64(1 + (t * 37 + k) % 40) * 1_000_000,
                                      extra: failed ? #""status":{"code":2,"message":"step failed"}"# : ""))
            }
            let rootSpan = jsonSpan(trace: trace, span: root, name: "pipeline", start: t0, end: t0 + 200_000_000,
                                    extra: #""attributes":[{"key":"langfuse.version","value":{"stringValue":"v\#(1 + t % 2)"}}]"#)
            if t % 25 == 24 { late[lines.count + 10, default: []].append(spans.removeLast()) }
            lines[lines.count - 1] += spans
            if t % 4 == 3 { lines.append([]) }
            lines[lines.count - 1].append(rootSpan)
            if t % 3 == 2 { lines.append([]) }
            if let held = late.removeValue(forKey: lines.count) { lines[lines.count - 1] += held }
        }
        lines[lines.count - 1] += late.sorted { $0.key < $1.key }.flatMap(\.value)
        let text = lines.enumerated().map { (i, spans) in
            (i % 17 == 5 ? "\n" : "") + jsonRequest(spans, resource: "[]")
        }.joined(separator: "\n") + "\n"
        return (bom ? "\u{FEFF}" : "") + text
    }

    @Test(arguments: [2, 3, 7])
    func piecesGiveTheStatisticsAndCountsOfOneRead(shards: Int) throws {
        let path = writeTemporary("traces.otlp.jsonl", Array(Self.traces(600, bom: true).utf8))
        let (whole, wholeSummary, _) = try read([path], shards: 1)
        #expect(whole.allStats().map(\.runs) == [300, 300])
        for chunkBytes in [LineSplitter.chunkSize, 900] {
            for _ in 0..<3 {
                let (pieces, summary, _) = try read([path], shards: shards, chunkBytes: chunkBytes)
                #expect(summary == wholeSummary)
                #expect(pieces.allStats() == whole.allStats())
            }
        }
    }

    @Test func aTraceSplitOverTwoFilesReadInPiecesIsOneRun() throws {
        let lines = Self.traces(300).split(separator: "\n", omittingEmptySubsequences: false)
        let first = writeTemporary("a.otlp.jsonl", Array(lines[..<40].joined(separator: "\n").utf8) + [0x0A])
        let second = writeTemporary("b.otlp.jsonl", Array(lines[40...].joined(separator: "\n").utf8))
        let (whole, _, _) = try read([writeTemporary("all.otlp.jsonl", Array(Self.traces(300).utf8))], shards: 1)
        let (pieces, summary, _) = try read([first, second], shards: 3, chunkBytes: 900)
        #expect(pieces.allStats() == whole.allStats())
        #expect(summary.runsSplitAcrossFiles == 0)
    }

    /// A document that runs past its line (pretty-printed) cannot be cut: the file is then read
    /// line by line, whether the document is first, in the middle, or alone in the file.
    @Test func aDocumentOverSeveralLinesIsReadAsInOneRead() throws {
        let lines = Self.traces(300).split(separator: "\n").map(String.init)
        let pretty = try String(decoding: JSONSerialization.data(
            withJSONObject: JSONSerialization.jsonObject(with: Data(lines[30].utf8)), options: [.prettyPrinted]), as: UTF8.self)
        for text in [[pretty] + lines[1...], lines[..<30] + [pretty] + lines[31...], [pretty]] {
            let path = writeTemporary("mixed.otlp.json", Array((text.joined(separator: "\n") + "\n").utf8))
            let (whole, wholeSummary, _) = try read([path], shards: 1)
            let (pieces, summary, _) = try read([path], shards: 3, chunkBytes: 900)
            #expect(summary == wholeSummary)
            #expect(pieces.allStats() == whole.allStats())
        }
    }

    /// Bad lines and traces without a version are reported at their place in the file, in order,
    /// and the read fails at the same one when they are more than `--max-bad-lines`.
    @Test func badLinesAreReportedAtTheirLineInFileOrder() throws {
        var lines = Self.traces(600).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for at in [3, 90, 91, 150, 260] { lines.insert(#"{"resourceSpans": [{"x": tru}]}"#, at: at) }
        lines[200] = lines[200].replacingOccurrences(of: "langfuse.version", with: "other.key")   // a trace without a version
        let path = writeTemporary("bad.otlp.jsonl", Array(lines.joined(separator: "\n").utf8))
        func place(_ errors: [LogLineError]) -> [String] { errors.map { "\($0.line):\($0.column ?? 0) \($0.message)" } }
        let (whole, wholeSummary, wholeBad) = try read([path], shards: 1, maxBadLines: 100)
        #expect(wholeBad.count >= 6 && wholeBad.first?.line == 4)
        let (pieces, summary, bad) = try read([path], shards: 3, chunkBytes: 900, maxBadLines: 100)
        #expect(place(bad) == place(wholeBad))
        #expect(summary == wholeSummary)
        #expect(pieces.allStats() == whole.allStats())
        for limit in [0, 2] {
            func failure(_ shards: Int) -> String {
                do { _ = try read([path], shards: shards, chunkBytes: 900, maxBadLines: limit); return "no error" } catch { return "\(error)" }
            }
            #expect(failure(3) == failure(1) && failure(1) != "no error")
        }
    }

    /// A line too long to read is reported at its place and counted, read in pieces or not: the
    /// lines after it keep their numbers.
    @Test func aLineTooLongIsCountedAndTheLinesAfterItKeepTheirNumbers() throws {
        let lines = Self.traces(40).split(separator: "\n").map(String.init)
        let huge = #"{"resourceSpans":[],"padding":""# + String(repeating: "x", count: LogReader.maxLineBytes) + #""}"#
        let text = ([lines[0], huge, #"{"resourceSpans": tru}"#] + lines[1...]).joined(separator: "\n") + "\n"
        let path = writeTemporary("long.otlp.jsonl", Array(text.utf8))
        for shards in [1, 2] {
            let (_, summary, bad) = try read([path], shards: shards, maxBadLines: 5)
            #expect(bad.map(\.line) == [2, 3], "shards: \(shards)")
            #expect(bad.first?.message == "line longer than 16 MiB")
            #expect(summary.lines == lines.count + 2, "shards: \(shards)")
        }
    }
}
