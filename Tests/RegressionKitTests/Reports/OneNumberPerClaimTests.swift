import Foundation
import Testing
@testable import RegressionKit

/// Wherever a change stands beside its interval, it is the estimate the verdict rests on, in
/// every format; the raw difference of the rates is labelled where it is shown; one line says
/// which design made the estimates.
@Suite("One number per claim")
struct OneNumberPerClaimTests {
    /// v3 of the shipped fixtures, whose clustered, paired estimates differ from the raw
    /// differences (generation: +7.1 estimated, +5.2 raw).
    let report: GateReport
    let rows: [(name: String, evidence: FailureRateEvidence)]

    init() throws {
        report = try ReportFormatsTests.fixtureReport()
        rows = report.result.estimatedRates
    }

    func interval(_ e: FailureRateEvidence) -> String { "[\(ReportFormat.signed(e.ciLowPP)), \(ReportFormat.signed(e.ciHighPP))]" }

    @Test func theFixtureSetsEstimateAndRawDifferenceApart() throws {
        let generation = try #require(report.result.steps.first { $0.step == "generation" })
        #expect(ReportFormat.signed(try #require(generation.evidence).estimatePP) == "+7.1")
        #expect(ReportFormat.signed(try #require(generation.deltaPP)) == "+5.2")
        #expect(rows.map(\.name) == ["overall", "retrieval", "reranking", "generation", "citation"])
    }

    @Test func textTableShowsTheEstimateBesideEachIntervalAndSaysTheDesign() {
        let lines = report.text().split(separator: "\n")
        for (name, e) in rows {
            let row = lines.last { $0.hasPrefix("  \(name) ") && $0.contains(interval(e)) }   // the table, after the reasons
            #expect(row?.contains("\(ReportFormat.signed(e.estimatePP))  \(interval(e))") == true, "\(name): \(String(describing: row))")
        }
        #expect(lines.contains("  est.: the estimated rise each verdict rests on; paired by case, clustered"))
        #expect(lines.contains("worst step: citation (+16.8 pp raw difference)"))
        #expect(report.result.reasons.contains { $0.hasPrefix("generation +7.1 pp [+0.7, +13.5]") })
    }

    @Test func markdownAndHTMLShowRawDifferenceAndEstimateEachLabelled() {
        let markdown = report.markdown(), html = report.html()
        #expect(markdown.contains("| Raw Δ | Estimate | Interval (pp) |"))
        #expect(html.contains("<th class=\"num\">Raw Δ</th><th class=\"num\">Estimate</th><th>Interval (pp)</th>"))
        for (name, e) in rows {
            #expect(markdown.contains("| \(ReportFormat.pp(e.estimatePP)) | \(interval(e)) |"), "\(name)")
            #expect(html.contains("<td class=\"num\">\(ReportFormat.pp(e.estimatePP))</td><td class=\"num\">\(interval(e))</td>"), "\(name)")
        }
        #expect(markdown.contains("| generation | 6.6 % (18/274) | 11.8 % (30/255) | +5.2 pp | +7.1 pp | [+0.7, +13.5] |"))
        #expect(markdown.contains("Estimate: the rise each verdict rests on, with its interval (paired by case, clustered). Raw Δ:"))
        #expect(html.contains("Estimate: the rise each verdict rests on, with its interval (paired by case, clustered)."))
    }

    @Test func junitAnnotationsAndTestMessagesShowTheEstimate() {
        let junit = report.junitXML(), github = report.githubAnnotations()
        for (name, e) in rows {
            let claim = "estimate \(ReportFormat.pp(e.estimatePP)) \(interval(e)) (paired by case, clustered)"
            #expect(junit.contains(claim), "\(name)")
            if report.result.steps.first(where: { $0.step == name })?.verdict ?? report.result.verdict != .pass {
                #expect(github.contains(claim), "\(name)")
            }
        }
        let findings = report.result.findings
        #expect(findings.contains("generation: 6.6 % → 11.8 % of runs failed (estimate +7.1 pp, interval [+0.7, +13.5], adj. p 0.0155): WARNING; about 429 candidate runs would settle it"))
        #expect(findings.last == "estimates: paired by case, clustered")
        #expect(!findings.joined().contains("+5.2"))
    }

    @Test func thresholdsShowsTheRawDifferenceItRestsOn() throws {
        let thresholds = try ReportFormatsTests.fixtureReport(policy: .thresholds())
        #expect(thresholds.result.estimatedRates.isEmpty && thresholds.result.estimateDesigns == nil)
        let text = thresholds.text()
        #expect(text.contains("  step ") && text.contains("delta") && !text.contains("est.:"))
        #expect(thresholds.markdown().contains("| Step | Baseline | Candidate | Δ | Verdict |"))
    }
}
