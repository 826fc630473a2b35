/// Levenshtein distance between two strings, in characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The candidate nearest to `word` when it is close enough to be a likely typo (distance <= 2, or a prefix).
///
/// Used for "did you mean" suggestions on options, policy keys and version names.
public func closestMatch(to word: String, in candidates: some Sequence<String>) -> String? {
    var best: (String, Int)?
    for c in candidates {
        let d = editDistance(word.lowercased(), c.lowercased())
        let isPrefix = c.lowercased().hasPrefix(word.lowercased()) && word.count >= 2
        let score = isPrefix ? 0 : d
        if score <= max(1, min(2, word.count / 3)) || isPrefix, best == nil || score < best!.1 || (score == best!.1 && c < best!.0) {
            best = (c, score)
        }
    }
    return best?.0
}
