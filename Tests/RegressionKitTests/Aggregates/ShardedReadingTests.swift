import Foundation
import Testing
@testable import RegressionKit

/// Big logs are read in pieces on several threads; the statistics must be exactly those of one read.
@Suite("Sharded reading and merging")
struct ShardedReadingTests {
    func read(_ path: String, shards: Int, maxBadLines: Int = 0, chunkBytes: Int = LineSplitter.chunkSize,
              onBadLine: (LogLineError) -> Void = { _ in }) throws -> (StatsAccumulator, LogReadSummary) {
        var reader = LogReader(sources: [.file(path)], maxBadLines: maxBadLines)
        reader.pieces.shardingThreshold = 1
        reader.pieces.shards = shards
        reader.pieces.chunkBytes = chunkBytes
        reader.pieces.minimumPiece = chunkBytes   // threads done early take over pieces of a few lines
        return try reader.scan(makeState: { _ in StatsAccumulator() }, onBadLine: onBadLine)
    }

    @Test(arguments: [2, 3, 7, 50])
    func piecesGiveTheSameStatisticsAsOneRead(shards: Int) throws {
        let (whole, wholeSummary) = try read(fixture("requests.jsonl"), shards: 1)
        let (pieces, summary) = try read(fixture("requests.jsonl"), shards: shards)
        #expect(summary == wholeSummary)
        #expect(pieces.allStats() == whole.allStats())
        #expect(pieces.recordCounts.map(\.version) == ["v1", "v2", "v3"])
    }

    /// Reads of a few hundred bytes, so that threads that finish early take over the rest of
    /// others' pieces many times, wherever the scheduler leaves them.
    @Test(arguments: [2, 3, 7])
    func piecesTakenOverGiveTheSameStatisticsAsOneRead(shards: Int) throws {
        let (whole, wholeSummary) = try read(fixture("requests.jsonl"), shards: 1)
        for _ in 0..<5 {
            let (pieces, summary) = try read(fixture("requests.jsonl"), shards: shards, chunkBytes: 700)
            #expect(summary == wholeSummary)
            #expect(pieces.allStats() == whole.allStats())
        }
    }

    @Test func aPieceIsSplitAtALineStartPastWhatItsReaderClaimed() throws {
        let path = temporaryDirectory().appendingPathComponent("lines.jsonl").path
        let lines = (0..<100).map { String(repeating: "x", count: $0 % 7) + "\($0)" }
        let text = lines.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let size = text.utf8.count
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let board = PieceBoard(fd: fd, cuts: [0, size], minimumPiece: 10)
        #expect(board.claim(0, from: 0, want: 50) == 50)
        let taken = try #require(board.split())
        let cut = board.bounds(of: taken).start
        let bytes = Array(text.utf8)
        #expect(cut > 50 + (size - 50) / 2 && bytes[cut - 1] == 0x0A)   // the first line start from the middle on
        #expect(board.claim(0, from: 50, want: size) == cut - 50)        // the first piece now ends at the cut
        #expect(board.claim(0, from: cut, want: 10) == 0)
        #expect(board.claim(taken, from: cut, want: size) == size - cut)  // and the new one reads the rest
        #expect(board.split() == nil)                                     // everything is claimed
    }

    @Test func nothingIsSplitOffThatItsReaderAlreadyClaimedOrThatIsTooSmall() throws {
        let path = temporaryDirectory().appendingPathComponent("lines.jsonl").path
        let text = (0..<40).map { "line \($0)" }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let size = text.utf8.count
        let small = PieceBoard(fd: fd, cuts: [0, size], minimumPiece: size / 2 + 1)
        #expect(small.split() == nil)
        let claimed = PieceBoard(fd: fd, cuts: [0, size], minimumPiece: 1)
        #expect(claimed.claim(0, from: 0, want: size - 3) == size - 3)
        #expect(claimed.split() == nil)   // the last 3 bytes are one line's end: no line starts there
    }

    @Test func mergingSplitsInsideRunsJoinsThem() throws {
        var all: [StepRecord] = []
        try LogReader(sources: [.file(fixture("requests.jsonl"))]).read { all.append($0) }
        var whole = StatsAccumulator(), first = StatsAccumulator(), second = StatsAccumulator()
        all.forEach { whole.add($0) }
        let cut = 1001   // inside a run
        all[..<cut].forEach { first.add($0) }
        all[cut...].forEach { second.add($0) }
        first.merge(second)
        #expect(first.allStats() == whole.allStats())
    }

    /// Runs that span the cut, where the pieces number steps alike (their bits carry over as they
    /// are) and where they do not, with one run reaching 40 steps, past the 32 of a run's bitmask,
    /// in the first piece or in the second.
    @Test(arguments: [["a", "b", "c"], ["c", "b", "a"]], [0, 1, 2])
    func mergingJoinsRunsWhateverTheStepNumbering(secondOrder: [String], widePiece: Int) {
        let wide = (0..<40).map { "wide\($0)" }
        var records: [StepRecord] = []
        for r in 0..<6 {   // first piece: runs 0 and 1 fail at b
            for step in ["a", "b", "c"] + (r == 5 && widePiece == 1 ? wide : []) {
                records.append(StepRecord(runID: "run\(r)", stepName: step, success: !(step == "b" && r < 2), promptVersion: "v"))
            }
        }
        let cut = records.count
        for r in 3..<9 {   // second piece: runs 3 to 5 go on, 6 to 8 are new; run 4 fails at c
            for step in secondOrder + (r == 5 && widePiece == 2 ? wide : []) {
                records.append(StepRecord(runID: "run\(r)", stepName: step, success: !(step == "c" && r == 4), promptVersion: "v"))
            }
        }
        var whole = StatsAccumulator(), first = StatsAccumulator(), second = StatsAccumulator()
        records.forEach { whole.add($0) }
        records[..<cut].forEach { first.add($0) }
        records[cut...].forEach { second.add($0) }
        first.merge(second)
        let merged = first.stats(for: "v")!
        #expect(merged == whole.stats(for: "v")!)
        #expect(merged.runs == 9 && merged.failedRuns == 3)
        #expect(merged.steps["c"]!.runs == 9 && merged.steps["c"]!.failedRuns == 1 && merged.steps["b"]!.failedRuns == 2)
        if widePiece > 0 { #expect(merged.steps["wide39"]!.runs == 1 && merged.steps["wide0"]!.runs == 1) }
    }

    /// With whole 1 MiB reads (few pieces), and with reads of a few hundred bytes, where pieces
    /// are taken over many times.
    @Test(arguments: [LineSplitter.chunkSize, 700])
    func badLinesKeepTheirFileLineNumbersAcrossPieces(chunkBytes: Int) throws {
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("dirty.jsonl").path
        var lines = try String(contentsOfFile: fixture("requests.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        lines[99] = "{broken"
        lines[2999] = "{\"run_id\": 1}"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var reported: [Int] = []
        let (_, summary) = try read(path, shards: 4, maxBadLines: 5, chunkBytes: chunkBytes) { reported.append($0.line) }
        #expect(reported == [100, 3000])
        #expect(summary.badLines == 2)
        #expect(summary.lines == lines.count)
        #expect {
            _ = try read(path, shards: 4, maxBadLines: 1, chunkBytes: chunkBytes)
        } throws: { error in
            guard case .tooManyBadLines(1, let last)? = error as? LogReadError else { return false }
            return last.line == 3000
        }
        #expect {
            _ = try read(path, shards: 4, chunkBytes: chunkBytes)
        } throws: { error in
            guard case .badLine(let first)? = error as? LogReadError else { return false }
            return first.line == 100
        }
    }
}

@Suite("Gate read: daily rates and first failures")
struct OneVersionAccumulatorTests {
    @Test func scannedAndShardedReadsAgreeWithRecordByRecord() throws {
        var daily = DailyFailureRates(), first = FirstFailureTally()
        try LogReader(sources: [.file(fixture("requests.jsonl"))]).read { record in
            guard record.promptVersion == "v3" else { return }
            daily.add(record)
            first.add(record)
        }
        for shards in [1, 3] {
            var reader = LogReader(sources: [.file(fixture("requests.jsonl"))])
            reader.pieces.shardingThreshold = 1
            reader.pieces.shards = shards
            let (state, _) = try reader.scan(makeState: { OneVersionAccumulator(version: "v3", expectedBytes: $0) })
            #expect(state.daily == daily, "shards: \(shards)")
            #expect(state.firstFailures.causes == first.causes, "shards: \(shards)")
            #expect(state.daily.days.count == 5)
            #expect(state.daily.days.reduce(0) { $0 + $1.steps } == 1055)
        }
    }

    /// First failures are counted by cause, a cause being the same however its text is written:
    /// escaped, in another Unicode normalization, or as no error type, an empty one and "unknown".
    @Test func firstFailureCausesAreTheSameHoweverWritten() throws {
        func line(_ run: Int, _ step: String, _ error: String) -> String {
            "{\"timestamp\": \"2026-11-01T00:00:0\(run % 10)+00:00\", \"run_id\": \"r\(run)\", \"step_name\": \"\(step)\", "
                + "\"input_summary\": \"q\", \"output_summary\": null, \"latency_ms\": 1.5, \"token_count\": 3, "
                + "\"success\": false, \"error_type\": \(error), \"prompt_version\": \"v3\", \"model_name\": null}"
        }
        let lines = [
            line(1, "retrieval", "\"timeout\""), line(2, "retr\\u0069eval", "\"time\\u006fut\""),   // escaped
            line(3, "retrieval", "null"), line(4, "retrieval", "\"\""), line(5, "retrieval", "\"unknown\""),
            line(6, "generation", "\"caf\u{E9}\""), line(7, "generation", "\"cafe\u{301}\""),       // two normalizations
            line(8, "generation", "\"caf\u{E9}\""), line(8, "citation", "\"later\""),              // not run 8's first
            line(9, "retrievalt", "\"imeout\""),                                                      // the same bytes run together
        ]
        let path = temporaryDirectory().appendingPathComponent("causes.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var first = FirstFailureTally()
        try LogReader(sources: [.file(path)]).read { first.add($0) }
        let (state, _) = try LogReader(sources: [.file(path)]).scan(makeState: { OneVersionAccumulator(version: "v3", expectedBytes: $0) })
        let expected: [FirstFailureTally.Cause] = [
            .init(step: "generation", errorType: "caf\u{E9}", runs: 3),
            .init(step: "retrieval", errorType: "unknown", runs: 3),
            .init(step: "retrieval", errorType: "timeout", runs: 2),
            .init(step: "retrievalt", errorType: "imeout", runs: 1),
        ]
        #expect(first.causes == expected)
        #expect(state.firstFailures.causes == expected)
        #expect(state.firstFailures.failedRunCount == 9)
    }
}

/// The scanned path holds run updates back and puts them in the run table several at a time
/// (`RunBatch`): the statistics must be those of putting each record in as it comes.
@Suite("Run updates held back")
struct RunBatchTests {
    /// 70 runs logged round-robin, so that a run's records are far apart and come back after its
    /// entry was flushed; short and long (over 15 bytes) run ids; a run whose first record has no
    /// case and whose later records name two; one run reaching a 40th step.
    static func log() -> [String] {
        var lines: [String] = []
        var rng = SystemRandomNumberGenerator()
        for round in 0..<5 {
            for run in 0..<70 {
                let id = run % 2 == 0 ? "r\(run)" : "run-\(run)-0000-1111-2222-\(run * 7919)"
                let step = run == 3 && round == 4 ? "step-39" : ["a", "b", "c", "d", "e"][round]
                let input = run % 5 == 0 ? (round == 0 ? "null" : "\"q\(run)-\(round)\"") : "\"q\(run % 9)\""
                let ok = Bool.random(using: &rng) || run % 3 != 0
                lines.append("{\"timestamp\": \"2026-11-0\(1 + round)T00:00:00+00:00\", \"run_id\": \"\(id)\", "
                    + "\"step_name\": \"\(step)\", \"input_summary\": \(input), \"output_summary\": null, "
                    + "\"latency_ms\": \(10 + run), \"token_count\": 5, \"success\": \(ok), "
                    + "\"error_type\": \(ok ? "null" : "\"e\(run % 4)\""), \"prompt_version\": \"v\(run % 2)\", \"model_name\": null}")
            }
        }
        // 40 steps for one run, so that its steps past the 32nd take the unbatched path between batched ones.
        for k in 0..<40 {
            lines.append("{\"timestamp\": null, \"run_id\": \"wide\", \"step_name\": \"step-\(k)\", \"input_summary\": \"w\", "
                + "\"output_summary\": null, \"latency_ms\": 1, \"token_count\": 1, \"success\": \(k % 7 != 0), "
                + "\"error_type\": null, \"prompt_version\": \"v0\", \"model_name\": null}")
        }
        return lines
    }

    @Test func scannedReadsGiveTheStatisticsOfOneRecordAtATime() throws {
        let lines = Self.log()
        let path = temporaryDirectory().appendingPathComponent("interleaved.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var oneByOne = StatsAccumulator()
        try LogReader(sources: [.file(path)]).read { oneByOne.add($0) }
        let expected = oneByOne.allStats()
        #expect(expected.count == 2)
        #expect(expected.first { $0.version == "v1" }?.runs == 35)
        #expect(expected.first { $0.version == "v0" }?.cases["q0-1"]?.runs == 1)   // run 0's first case
        #expect(expected.first { $0.version == "v0" }?.cases["q0-2"] == nil)

        for shards in [1, 3] {
            var reader = LogReader(sources: [.file(path)])
            reader.pieces.shardingThreshold = 1
            reader.pieces.shards = shards
            reader.pieces.chunkBytes = 900
            reader.pieces.minimumPiece = 900
            let (scanned, _) = try reader.scan(makeState: { _ in StatsAccumulator() })
            #expect(scanned.allStats() == expected, "shards: \(shards)")
        }

        // Scanned records added without the reader, which flushes: the statistics flush what is held.
        var held = StatsAccumulator(), later = StatsAccumulator()
        for (n, line) in lines.enumerated() {
            let scanned = Array(line.utf8).withUnsafeBufferPointer { bytes in   // the record is valid only in here
                guard let raw = FailureForensicsLayout.scan(bytes) else { return false }
                if n < lines.count / 2 { held.add(raw) } else { later.add(raw) }
                return true
            }
            #expect(scanned, "line \(n + 1)")
        }
        var merged = held
        merged.merge(later)
        #expect(merged.allStats() == expected)
    }
}

@Suite("Run ids across files, read in pieces")
struct RunScopeShardedTests {
    @Test func piecesOfEachFileJoinBeforeTheFilesMeet() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runscope-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var paths: [String] = []
        for shard in 1...2 {
            var text = ""
            for r in 0..<3000 {
                for step in ["a", "b"] {
                    let fails = step == "b" && r % 10 == shard
                    text += #"{"timestamp": "2026-11-01T10:00:00+00:00", "run_id": "run-number-\#(r)", "step_name": "\#(step)", "input_summary": "q", "output_summary": "", "latency_ms": 1.0, "token_count": 1, "success": \#(!fails), "error_type": null, "prompt_version": "v", "model_name": "m"}"# + "\n"
                }
            }
            let path = dir.appendingPathComponent("s\(shard).jsonl").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        for scope in RunScope.allCases {
            for shards in [1, 3] {
                var reader = LogReader(sources: paths.map { .file($0) }, runScope: scope)
                reader.pieces.shardingThreshold = 1
                reader.pieces.shards = shards
                reader.pieces.minimumPiece = 4096
                let (state, summary) = try reader.scan(makeState: { StatsAccumulator(version: "v", expectedBytes: $0) })
                let stats = try #require(state.stats(for: "v"))
                #expect(summary.runsSplitAcrossFiles == 3000, "\(scope) \(shards)")
                #expect(stats.runs == (scope == .all ? 3000 : 6000), "\(scope) \(shards)")
                #expect(stats.failedRuns == 600, "\(scope) \(shards)")
            }
        }
    }
}
