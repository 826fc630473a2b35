import Foundation
import Testing

@Suite("regress-gate dashboard")
struct DashboardCommandTests {
    @Test func thePageOfTheFixtureFitsEightyColumnsWithoutColour() throws {
        let run = try gate(["dashboard", "--logs", fixture("requests.jsonl")], environment: ["NO_COLOR": ""])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(!run.stdout.contains("\u{1B}["))   // stdout is a file here, not a terminal
        #expect(lines[1] == "  regress-gate dashboard · 2026-11-06 to 2026-11-12 · all versions")
        #expect(lines.contains("  2026-11-10  ████████░░░░░░░░░░░░░░░░░░░░░░  26.7 %     47/176 ⚠ above 25.0 %"))
        #expect(lines.contains("  citation        ████░░░░░░░░░░░░░░░░  17.8 %  69/388 failed"))
        #expect(lines.contains("  DEGRADING ↑ failing more (+6.1 pp) · average daily rate 12.1 %"))
        #expect(lines.contains("  1. d26036b0  v3  2026-11-12 23:56  RETRIEVAL_QUALITY"))
        #expect(lines.filter { $0.hasPrefix("     ") && $0.contains(" failed: ") }.count == 5)
    }

    @Test func colourOnlyWhenAskedAndNeverUnderNoColor() throws {
        let always = try gate(["dashboard", "--logs", fixture("requests.jsonl"), "--color", "always"], environment: ["NO_COLOR": ""])
        #expect(always.stdout.contains("\u{1B}[31m"))
        let vetoed = try gate(["dashboard", "--logs", fixture("requests.jsonl"), "--color", "always"], environment: ["NO_COLOR": "1"])
        #expect(!vetoed.stdout.contains("\u{1B}["))
    }

    @Test func jsonHoldsTheTrendAndTheLatestFailures() throws {
        let run = try gate(["dashboard", "--logs", fixture("requests.jsonl"), "--version", "v2", "--format", "json"])
        let report = try json(run.stdout)
        #expect((report["latest_failed_runs"] as! [[String: Any]]).allSatisfy { $0["version"] as? String == "v2" })
        #expect((report["trend"] as! [String: Any])["as_of"] as? String == "2026-11-08")   // v2's latest day
    }
}
