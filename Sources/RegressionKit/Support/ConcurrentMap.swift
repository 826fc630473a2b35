import Foundation

extension Array where Element: Sendable {
    /// `map`, with the elements transformed on several threads at once and the results in the
    /// elements' order: for a few independent computations that each take a while (the gate's
    /// tests, one per metric).
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = Locked([T?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let value = transform(self[i])
            results.withLock { $0[i] = value }
        }
        return results.withLock { $0.map { $0! } }
    }
}
