import Foundation

extension String {
    /// Whether `self` comes before `other` in UTF-8 byte order: a total order on distinct strings
    /// that is fast to compute (no Unicode normalization), for sorting user text such as case keys
    /// the same way on every run. It equals code point order.
    func utf8Precedes(_ other: String) -> Bool {
        var a = self, b = other
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                let c = n == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, n)
                return c != 0 ? c < 0 : x.count < y.count
            }
        }
    }
}
