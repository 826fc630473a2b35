import Foundation
import Testing
@testable import RegressionKit

@Suite("Root cause")
struct RootCauseTests {
    @Test func errorTypeDecidesFirstBySubstringThenTheStep() {
        let map = CategoryMap.default
        #expect(map.category(errorType: "timeout", step: "citation") == .apiError)
        #expect(map.category(errorType: "HTTP 429 Too Many Requests", step: "retrieval") == .apiError)
        #expect(map.category(errorType: "ReadTimeout", step: "generation") == .apiError)   // lowercased substring
        #expect(map.category(errorType: "citation_missing", step: "generation") == .citationMiss)
        #expect(map.category(errorType: "timeout_no_results", step: "retrieval") == .apiError)   // first rule in order wins
        #expect(map.category(errorType: "KeyError", step: "reranking") == .rerankerFailure)
        #expect(map.category(errorType: nil, step: "citation") == .citationMiss)
        #expect(map.category(errorType: "", step: "postprocess") == .unknown)
        #expect(map.category(errorType: "KeyError", step: "Retrieval") == .unknown)   // step names match exactly
    }

    @Test func theFirstFailedRecordIsTheRootCause() {
        var collector = RunCollector()
        let lines: [StepRecord] = [
            StepRecord(runID: "a", stepName: "retrieval", success: true, promptVersion: "v1", timestamp: "2026-11-01T10:00:00+00:00"),
            StepRecord(runID: "b", stepName: "retrieval", success: true, promptVersion: "v1", timestamp: "2026-11-01T10:00:01+00:00"),
            StepRecord(runID: "a", stepName: "reranking", success: false, promptVersion: "v1", errorType: "json_parse", inputSummary: "q1", timestamp: "2026-11-01T10:00:02+00:00"),
            StepRecord(runID: "a", stepName: "generation", success: false, promptVersion: "v1", errorType: "timeout", timestamp: "2026-11-01T10:00:03+00:00"),
            StepRecord(runID: "b", stepName: "generation", success: true, promptVersion: "v1", timestamp: "2026-11-01T10:00:04+00:00"),
        ]
        lines.forEach { collector.add($0) }
        let runs = collector.analyses()
        #expect(runs.map(\.runID) == ["a", "b"])
        #expect(runs[0].category == .rerankerFailure)
        #expect(runs[0].rootCause == "reranking failed: json_parse")
        #expect(runs[0].failedSteps == ["reranking", "generation"])
        #expect(runs[0].inputSummary == "q1")
        #expect(runs[0].lastTimestamp == "2026-11-01T10:00:03+00:00")
        #expect(runs[1].category == .none && !runs[1].failed)
    }

    @Test func latestFailedRunsComeByTheirLatestInstantThenLogOrder() {
        var collector = RunCollector()
        // c's latest step is at 09:30 UTC: after b and d, though it reads 11:30; b and d tie (log order).
        collector.add(StepRecord(runID: "a", stepName: "s", success: false, promptVersion: "v", timestamp: "2026-11-01T08:00:00+00:00"))
        collector.add(StepRecord(runID: "b", stepName: "s", success: false, promptVersion: "v", timestamp: "2026-11-01T09:00:00+00:00"))
        collector.add(StepRecord(runID: "c", stepName: "s", success: false, promptVersion: "v", timestamp: "2026-11-01T11:30:00+02:00"))
        collector.add(StepRecord(runID: "d", stepName: "s", success: false, promptVersion: "v", timestamp: "2026-11-01T09:00:00Z"))
        collector.add(StepRecord(runID: "e", stepName: "s", success: true, promptVersion: "v", timestamp: "2026-11-02T00:00:00Z"))
        let analysis = ForensicsAnalysis(collector: collector)
        #expect(analysis.latestFailed(limit: nil).map(\.runID) == ["c", "b", "d", "a"])
        #expect(analysis.latestFailed(limit: 2).map(\.runID) == ["c", "b"])
    }

    @Test func aConfigFileAddsRulesBeforeTheDefaults() throws {
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("forensics.json").path
        try #"{"error_categories": [{"match": "Guardrail", "category": "POLICY_BLOCK"}, {"match": "timeout", "category": "SLOW_VENDOR"}], "step_categories": {"vector_search": "RETRIEVAL_QUALITY"}, "recommendations": {"POLICY_BLOCK": [{"priority": "high", "action": "review the moderation thresholds"}]}}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ForensicsConfig.load(path)
        #expect(config.categoryMap.category(errorType: "guardrail_refusal", step: "generation").rawValue == "POLICY_BLOCK")
        #expect(config.categoryMap.category(errorType: "timeout", step: "generation").rawValue == "SLOW_VENDOR")
        #expect(config.categoryMap.category(errorType: "no_results", step: "x") == .retrievalQuality)   // defaults still apply
        #expect(config.categoryMap.category(errorType: nil, step: "vector_search") == .retrievalQuality)
        #expect(config.recommendations.for(RootCauseCategory(rawValue: "POLICY_BLOCK")).map(\.priority) == [.high])
        #expect(config.recommendations.for(.apiError).count == 2)
    }

    @Test func aConfigFileWithATypoIsRefused() throws {
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("forensics.json").path
        try #"{"step_categorys": {}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ForensicsConfigError.self) { try ForensicsConfig.load(path) }
        do { _ = try ForensicsConfig.load(path) } catch {
            #expect(error.description.contains("did you mean \"step_categories\""))
        }
    }

    @Test func recommendationsComeHighFirstAndUnknownCategoriesGetTheFallback() {
        let rules = Recommendations.default
        #expect(rules.for(.retrievalQuality).map(\.priority) == [.high, .high, .medium])
        #expect(rules.for(.rerankerFailure).map(\.priority) == [.high, .medium])
        #expect(rules.for(.unknown).map(\.priority) == [.low])
        #expect(rules.for(.none).isEmpty)
    }

    @Test func categoryGrowthNeedsMoreThanNoise() {
        let small = CategoryGrowth(from: "a", fromRuns: 10, fromCounts: [.apiError: 1], to: "b", toRuns: 10, toCounts: [.apiError: 2])
        #expect(small.rows.first?.grew == false)
        let large = CategoryGrowth(from: "a", fromRuns: 300, fromCounts: [.citationMiss: 17, .apiError: 20], to: "b", toRuns: 300, toCounts: [.citationMiss: 51, .apiError: 21])
        #expect(large.rows.map(\.category) == [.citationMiss, .apiError])
        #expect(large.rows[0].grew && !large.rows[1].grew)
    }
}
