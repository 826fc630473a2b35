/// Reads a baseline's case lists: `[[key, runs, failures], ...]` for the version, then the same for
/// each step, whose keys are (nearly always) the version's again.
///
/// Each key is hashed as a `String` once, in the version's list: Swift hashes text that is not
/// ASCII by its normalized form, about 3k instructions for a query of a few dozen characters. A
/// step's list finds its keys among the version's by their UTF-8 bytes (`CaseKeyIndex`), and makes
/// its dictionary from the version's key numbers with `mapValues`, which keeps keys where they
/// are instead of hashing them again. Keys are still equal as `String`s are: a key whose bytes are
/// not the version's is looked up as a `String` (another normalization of one of them). A step's
/// case is a case of the version (its runs are some of the case's runs), so a key the version
/// does not list is refused.
struct BaselineCases {
    /// The version's keys, numbered in the order listed.
    private var numbers: [String: Int] = [:]
    /// The same numbers by each key's UTF-8 bytes.
    private var byBytes = CaseKeyIndex()

    typealias Failure = JSONFieldReader.FieldError

    /// Reads the version's list (`path` names it in errors), whose runs add up to at most `maxRuns`,
    /// and keeps its keys for the steps' lists.
    mutating func readVersion(_ rows: [JSONValue], path: String, maxRuns: Int) throws(Failure) -> [String: CaseOutcome] {
        numbers = Dictionary(minimumCapacity: rows.count)
        byBytes = CaseKeyIndex(capacity: rows.count)
        var outcomes: [CaseOutcome] = []
        outcomes.reserveCapacity(rows.count)
        var total = 0
        for (n, item) in rows.enumerated() {
            let (key, outcome) = try Self.row(item, path: path, n)
            try BaselineSnapshot.check(numbers.updateValue(outcomes.count, forKey: key) == nil, "\(path)[\(n)]", "the case \"\(key)\" is listed twice")
            byBytes.insert(key, number: outcomes.count)
            outcomes.append(outcome)
            total += outcome.runs
        }
        try BaselineSnapshot.check(total <= maxRuns, path, "the cases have \(total) runs, more than the \(maxRuns) counted")
        return numbers.mapValues { outcomes[$0] }
    }

    /// Reads a step's list, after `readVersion`: the same checks, the same dictionary as reading
    /// it on its own would give.
    func readStep(_ rows: [JSONValue], path: String, maxRuns: Int) throws(Failure) -> [String: CaseOutcome] {
        var listed = [CaseOutcome?](repeating: nil, count: numbers.count)   // by the version's key numbers
        var total = 0
        for (n, item) in rows.enumerated() {
            let (key, outcome) = try Self.row(item, path: path, n)
            guard let number = byBytes.number(of: key) ?? numbers[key] else {
                throw Failure(path: "\(path)[\(n)]", message: "impossible value: the case \"\(key)\" is not one of the version's \"cases\"")
            }
            try BaselineSnapshot.check(listed[number] == nil, "\(path)[\(n)]", "the case \"\(key)\" is listed twice")
            listed[number] = outcome
            total += outcome.runs
        }
        try BaselineSnapshot.check(total <= maxRuns, path, "the cases have \(total) runs, more than the \(maxRuns) counted")
        var cases = numbers.mapValues { listed[$0] ?? CaseOutcome(runs: 0, failures: 0) }
        for (key, number) in numbers where listed[number] == nil { cases[key] = nil }   // cases the step did not see
        return cases
    }

    /// One row, `[key, runs, failures]` with 0 <= failures <= runs and runs >= 1.
    private static func row(_ item: JSONValue, path: String, _ n: Int) throws(Failure) -> (String, CaseOutcome) {
        guard case .array(let row) = item, row.count == 3, case .string(let key) = row[0],
              case .number(let r) = row[1], let runs = Int(r), case .number(let f) = row[2], let failures = Int(f),
              runs >= 1, failures >= 0, failures <= runs, runs <= JSONFieldReader.maxCount else {
            throw Failure(path: "\(path)[\(n)]", message: "expected [key, runs, failures] with 0 <= failures <= runs and runs >= 1")
        }
        return (key, CaseOutcome(runs: runs, failures: failures))
    }
}
