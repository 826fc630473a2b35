import Foundation
import Testing
@testable import RegressionKit

/// The pull-request comment made from a JSON report: what it reads back, what it says, and
/// that hostile names in the report stay text.
@Suite("Gate summary comment")
struct GateSummaryCommentTests {
    /// A JSON report like `check` writes, with `step` as a step's name and `cases` newly failing.
    static func report(verdict: String = "REGRESSION_DETECTED", step: String = "citation", cases: [String] = [], formatVersion: Int = 1) -> [UInt8] {
        func quoted(_ s: String) -> String { JSONValue.string(s).compact }
        return Array("""
        {"format_version": \(formatVersion), "verdict": "\(verdict)", "policy": "statistical",
         "baseline": {"version": "v2", "runs": 300}, "candidate": {"version": "v3", "runs": 200},
         "overall": {"verdict": "\(verdict)", "estimate_pp": 5.04, "ci_low_pp": 1.2, "ci_high_pp": 9.9, "adjusted_p_value": 0.003, "candidate_runs_needed": null, "delta_pp": 5},
         "steps": [
           {"step": \(quoted(step)), "verdict": "\(verdict)", "estimate_pp": 7.1, "ci_low_pp": 0.7, "ci_high_pp": 13.5, "adjusted_p_value": 0.0155, "candidate_runs_needed": 429, "note": null,
            "latency": {"verdict": "WARNING", "slowdown_ratio": 1.32, "ratio_low": 1.22, "ratio_high": 1.46, "adjusted_p_value": 0.00001}},
           {"step": "retrieval", "verdict": "PASS", "estimate_pp": 0.1, "ci_low_pp": -1, "ci_high_pp": 1, "adjusted_p_value": 1, "note": null}
         ],
         "cases": {"compared": 40, "newly_failing": \(JSONValue.array(cases.map(JSONValue.string)).compact), "newly_fixed": []},
         "input": {"files": ["a.jsonl", "b.jsonl"], "records": 1234, "bad_lines": 2}}
        """.utf8)
    }

    @Test func theCommentSaysTheVerdictFirstThenWhatDecidedIt() throws {
        let summary = try GateSummary(jsonReport: Self.report(verdict: "WARNING", cases: (1...13).map { "case \($0)" }))
        let body = summary.comment(marker: "<!-- regress-gate:default -->", runURL: "https://github.com/o/r/actions/runs/9")
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "<!-- regress-gate:default -->")
        #expect(lines[1] == "### ⚠️ regress-gate: WARNING")
        #expect(body.contains("| **overall (runs)** | +5.0 pp | [+1.2, +9.9] | 0.0030 | WARNING |"))
        #expect(body.contains("| citation | +7.1 pp | [+0.7, +13.5] | 0.0155 | WARNING |"))
        #expect(!body.contains("| retrieval |"), "a PASS step is not a finding")
        #expect(body.contains("| citation | ×1.32 | [1.22, 1.46] | <.0001 | WARNING |"))
        #expect(body.contains("- `citation`: about 429 candidate runs would settle it."))
        #expect(body.contains("**13 newly failing** of 40 cases run by both:") && body.contains("- case 10\n- … and 3 more (see the reports)\n"))
        #expect(!body.contains("- case 11"))
        #expect(body.hasSuffix("<sub>Read 1234 records from 2 files, 2 bad lines skipped. [The run](<https://github.com/o/r/actions/runs/9>).</sub>\n"))
    }

    @Test func hostileNamesAndCasesStayText() throws {
        let hostile = "@admin <img src=x> | [x](https://evil.example) #1\n# h"
        let summary = try GateSummary(jsonReport: Self.report(step: hostile, cases: ["@security-team www.evil.example", "</details>"]))
        let body = summary.comment(marker: "<!-- regress-gate:default -->", runURL: nil)
        #expect(!body.contains("@admin") && !body.contains("@security") && !body.contains("www.evil") && !body.contains("https://evil"))
        #expect(!body.contains("<img") && !body.contains("</details>") && !body.contains("\n# h"))
        let row = try #require(body.split(separator: "\n").first { $0.contains("admin") })
        #expect(MarkdownMentionsAndLinksTests.dangers(String(row)).filter { $0.hasPrefix("a cell break") }.count == 6, "\(row)")   // the row's own six pipes, no more
        #expect(!body.contains("[The run]"))
    }

    @Test func aHugeReportStillMakesACommentGitHubTakes() throws {
        // 300 regressed steps with 5 000-character names, and 5 000-character cases.
        var report = try #require(try JSONSerialization.jsonObject(with: Data(Self.report(cases: (0..<50).map { "\($0)" + String(repeating: "q|", count: 2500) }))) as? [String: Any])
        var step = try #require((report["steps"] as? [[String: Any]])?.first)
        report["steps"] = (0..<300).map { i -> [String: Any] in
            step["step"] = "\(i) " + String(repeating: "@x", count: 2500)
            step["verdict"] = i == 299 ? "REGRESSION_DETECTED" : "WARNING"
            return step
        }
        let summary = try GateSummary(jsonReport: Array(try JSONSerialization.data(withJSONObject: report)))
        let body = summary.comment(marker: "<!-- regress-gate:default -->", runURL: nil)
        #expect(body.count < 60_000, "\(body.count) characters")   // GitHub refuses more than 65 536; "@x" is the costliest text to escape
        #expect(body.contains("| 299 @&#8203;x@&#8203;x"), "the most severe step comes first")
        #expect(body.contains("… and 275 more steps that did not pass (see the reports)."))
        #expect(body.contains("… and 275 more slower steps (see the reports)."))
    }

    @Test func aReportFromElsewhereIsRefusedSayingWhy() {
        #expect(throws: GateSummary.ReadError.self) { try GateSummary(jsonReport: Array("not json".utf8)) }
        do {
            _ = try GateSummary(jsonReport: Self.report(formatVersion: 2))
            Issue.record("accepted a format version 2")
        } catch {
            #expect(error.message.hasPrefix("format_version: expected 1, found 2"))
        }
        do {
            _ = try GateSummary(jsonReport: Self.report(verdict: "GREEN"))
            Issue.record("accepted GREEN")
        } catch {
            #expect(error.message.contains("verdict: expected one of PASS"), "\(error.message)")
        }
    }
}
