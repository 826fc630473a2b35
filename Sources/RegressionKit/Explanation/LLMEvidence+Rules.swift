extension LLMEvidence {
    /// The rules' view of some failures: failures per root-cause category (from each step and
    /// error type, as `analyze` maps them) and the actions recommended for the three most frequent.
    static func ruleFacts(_ failures: [(step: String, errorType: String?, count: Int)], config: ForensicsConfig = .default) -> (categories: JSONValue, actions: JSONValue) {
        var counts: [RootCauseCategory: Int] = [:]
        for f in failures where f.count > 0 { counts[config.categoryMap.category(errorType: f.errorType, step: f.step), default: 0] += f.count }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let categories = JSONValue.object(Dictionary(uniqueKeysWithValues: ranked.map { ($0.key.rawValue, JSONValue.number($0.value)) }))
        let actions = JSONValue.array(ranked.prefix(3).map { category, count in
            .object([
                "category": .string(category.rawValue),
                "failures": .number(count),
                "description": .string(config.description(of: category)),
                "actions": .array(config.recommendations.for(category).map(\.jsonValue)),
            ])
        })
        return (categories, actions)
    }
}
