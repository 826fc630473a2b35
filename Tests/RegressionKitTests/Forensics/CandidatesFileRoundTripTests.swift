import Foundation
import Testing
@testable import RegressionKit

/// The candidates file is merged into run after run: every file `write` leaves must read back
/// as the candidates written, whatever the queries hold.
@Suite("Candidates file reads back (property)")
struct CandidatesFileRoundTripTests {
    static let queries = [
        "How do I reset my password?", "caf\u{E9}", "cafe\u{301} au lait", "a\"b\\c", "line\nbreak\t\u{0}\u{1F}\u{7F}",
        "\u{202E}evil", "👨‍👩‍👧‍👦 family", "日本語の質問", String(repeating: "x", count: 5000), " ", "::warning::x", "\u{2028}\u{2029}",
    ]

    @Test func writtenCandidatesReadBackAsWritten() throws {
        let dir = temporaryDirectory()
        var rng = SplitMix64(seed: 15)
        for round in 0..<40 {
            let path = dir.appendingPathComponent("c-\(round).jsonl").path
            if round % 3 == 0 {   // a file a person edited: their own keys and spacing stay
                try #"{"query":"kept by hand","failure_count":7,"owner":{"team":"search","tags":[1,2.50,"x"]},"note":null}"#
                    .appending("\n").write(toFile: path, atomically: false, encoding: .utf8)
            }
            var file = try CandidatesFile.read(path)
            let found = (0..<Int(rng.next() % 12)).map { _ in
                EvalCandidate(query: Self.queries[Int(rng.next() % UInt64(Self.queries.count))] + (rng.next() % 2 == 0 ? "" : " \(rng.next() % 5)"),
                              failureCount: [2, 3, 1_000_000, Int.max][Int(rng.next() % 4)], rootCauseCategory: "API_ERROR",
                              firstSeen: "2026-11-01T08:00:00+00:00", lastSeen: rng.next() % 2 == 0 ? "" : "2026-11-09T08:00:00+00:00",
                              autoAddEligible: false)
            }
            file.merge(found)
            try file.write(to: path)
            let read = try CandidatesFile.read(path)
            #expect(read.entries.map(\.candidate) == file.entries.map(\.candidate), "round \(round)")
            #expect(read.text() == file.text(), "round \(round)")
        }
    }
}
