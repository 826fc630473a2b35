import Testing
@testable import RegressionKit

/// `analyze --help` states the category rules from these summaries, so they must say the rules.
@Suite("Category map in words")
struct CategoryMapSummaryTests {
    @Test func theDefaultRulesInTheirOrder() {
        #expect(CategoryMap.default.errorRulesSummary == "timeout, 429, 503, rate_limit, api_error -> API_ERROR; no_results, low_score -> RETRIEVAL_QUALITY; json_parse, rerank_failed -> RERANKER_FAILURE; hallucination, empty_response -> LLM_HALLUCINATION; no_citation, citation_missing -> CITATION_MISS")
        #expect(CategoryMap.default.stepNamesSummary == "retrieval, reranking, generation, citation")
    }

    @Test func anOverriddenMapSaysItsOwnRulesFirst() {
        let custom = CategoryMap(errorRules: [.init("OOM", .apiError)], stepCategories: ["embed": .retrievalQuality])
        let map = CategoryMap.default.overridden(by: custom)
        #expect(map.errorRulesSummary.hasPrefix("oom, timeout, 429"))
        #expect(map.stepNamesSummary == "embed, retrieval, reranking, generation, citation")   // one category: by name
    }
}
