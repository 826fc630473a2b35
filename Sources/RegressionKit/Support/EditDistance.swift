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

/// The candidate nearest to `word` when it is close enough to be a likely typo (distance <= 2,
/// or `word` is a prefix of it) and no other candidate is as near.
///
/// Used for "did you mean" suggestions on options, policy keys and version names:
/// `closestMatch(to: "--candiate", in: ["--candidate", "--baseline"])` is `--candidate`, while
/// `closestMatch(to: "v4", in: ["v1", "v2", "v3"])` is nil (every one is as near).
package func closestMatch(to word: String, in candidates: some Sequence<String>) -> String? {
    let target = word.lowercased()
    var best: [String] = []
    var bestScore = Int.max
    for c in Set(candidates) {
        let lowered = c.lowercased()
        let score = (word.count >= 2 && lowered.hasPrefix(target)) ? 0 : editDistance(target, lowered)
        guard score <= max(1, min(2, word.count / 3)) else { continue }
        if score < bestScore { best = [c]; bestScore = score } else if score == bestScore { best.append(c) }
    }
    return best.count == 1 ? best[0] : nil
}
