import Foundation

/// Python's `repr(float)`, which `json.dumps` uses for numbers: the shortest digits that read
/// back to the same double, in fixed notation while the decimal exponent is between -4 and 16,
/// else in exponent notation.
///
/// ```
/// 412.57 → "412.57"    1000 → "1000.0"    9.1e15 → "9100000000000000.0"
/// 1e16 → "1e+16"       0.0001 → "0.0001"  0.00001 → "1e-05"
/// ```
/// Swift's own `description` has the same digits but switches to exponents at 2^53, so
/// lines written with it would differ from failure-forensics' between 2^53 and 10^16.
enum PythonFloat {
    /// The text Python prints for `x`; non-finite values print as Python does (`NaN`, `Infinity`).
    static func repr(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Infinity" : "Infinity" }
        if x == 0 { return x.sign == .minus ? "-0.0" : "0.0" }
        var text = Substring(x.magnitude.description)   // shortest round-trip digits
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...])!
            text = text[..<e]
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var digits = Array(parts[0] + (parts.count > 1 ? parts[1] : ""))
        var point = parts[0].count + exponent   // digits before the decimal point
        while digits.count > 1, digits.first == "0" { digits.removeFirst(); point -= 1 }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }

        var out = x < 0 ? "-" : ""
        if point > 16 || point < -3 {
            out.append(digits[0])
            if digits.count > 1 { out += "." + String(digits[1...]) }
            let e = point - 1
            out += (e < 0 ? "e-" : "e+") + (abs(e) < 10 ? "0" : "") + String(abs(e))
        } else if point <= 0 {
            out += "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            out += String(digits) + String(repeating: "0", count: point - digits.count) + ".0"
        } else {
            out += String(digits[..<point]) + "." + String(digits[point...])
        }
        return out
    }

    /// Python's `round(x, 2)`: correctly rounded to two decimals, exact ties to even.
    static func roundedToHundredths(_ x: Double) -> Double {
        guard x.isFinite, x.magnitude < 1e15 else { return x }
        var buffer = [CChar](repeating: 0, count: 48)
        _ = withVaList([x]) { vsnprintf(&buffer, buffer.count, "%.2f", $0) }
        return strtod(buffer, nil)
    }
}
