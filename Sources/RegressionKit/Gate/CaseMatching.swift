/// The cases two outcome dictionaries share, found as `Dictionary` finds them (keys are equal as
/// `String`s are: canonically equivalent), but mostly without hashing a `String`: one side's keys
/// are numbered by their bytes (`CaseKeyIndex`), the other side's are looked up there, and only a
/// key whose very bytes the other side lacks is looked up as a `String` (it may be written in
/// another normalization, or be missing).
enum CaseMatching {
    /// Calls `body` with each key of `first` that `second` also has (the key as `first` writes
    /// it) and both outcomes, in `first`'s order.
    static func forEachCommon(
        _ first: [String: CaseOutcome], _ second: [String: CaseOutcome],
        _ body: (String, CaseOutcome, CaseOutcome) -> Void
    ) {
        forEach(first, in: second) { key, outcome, other in
            if let other { body(key, outcome, other) }
            return true
        }
    }

    /// Each key of `first` with its outcome and `second`'s (nil when `second` lacks the case), in
    /// `first`'s order, until `body` returns false.
    static func forEach(
        _ first: [String: CaseOutcome], in second: [String: CaseOutcome],
        _ body: (String, CaseOutcome, CaseOutcome?) -> Bool
    ) {
        var index = CaseKeyIndex(capacity: second.count)
        var outcomes: [CaseOutcome] = []
        outcomes.reserveCapacity(second.count)
        for (key, outcome) in second {
            index.insert(key, number: outcomes.count)
            outcomes.append(outcome)
        }
        for (key, outcome) in first {
            let other = index.number(of: key).map { outcomes[$0] } ?? second[key]
            guard body(key, outcome, other) else { return }
        }
    }
}
