import RegressionKit

/// What an option's value must be: the parser checks every value against it, in one place and
/// with one message, and help shows the range.
enum OptionKind: Sendable {
    /// Any text: a path, a version, a URL.
    case text
    /// A whole number of at least this.
    case integer(atLeast: Int)
    /// A finite number of at least this (a threshold in pp).
    case number(atLeast: Double)
    /// A finite number above 0 (seconds to wait).
    case positive
    /// A fraction from 0 to 1, both included (a rate).
    case rate
    /// A fraction strictly between 0 and 1 (a significance level).
    case level
    /// A day, `YYYY-MM-DD`.
    case date

    /// What a value must be, as the error says it: "an integer of at least 1".
    var expected: String {
        switch self {
        case .text: "text"
        case .integer(let minimum): "an integer of at least \(minimum)"
        case .number(let minimum): "a number of at least \(Self.decimal(minimum))"
        case .positive: "a number greater than 0"
        case .rate: "a number from 0 to 1"
        case .level: "a number between 0 and 1, both excluded"
        case .date: "a date YYYY-MM-DD"
        }
    }

    /// The range as help shows it after the option's text, nil for text.
    var range: String? {
        switch self {
        case .text: nil
        case .integer(let minimum): "an integer >= \(minimum)"
        case .number(let minimum): "a number >= \(Self.decimal(minimum))"
        case .positive: "a number > 0"
        case .rate: "0 to 1"
        case .level: "between 0 and 1"
        case .date: "YYYY-MM-DD"
        }
    }

    private static func decimal(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

    /// Whether `text` is a value of this kind.
    func accepts(_ text: String) -> Bool {
        switch self {
        case .text: return true
        case .integer(let minimum): return Int(text).map { $0 >= minimum } ?? false
        case .number(let minimum): return Double(text).map { $0.isFinite && $0 >= minimum } ?? false
        case .positive: return Double(text).map { $0.isFinite && $0 > 0 } ?? false
        case .rate: return Double(text).map { $0 >= 0 && $0 <= 1 } ?? false
        case .level: return Double(text).map { $0 > 0 && $0 < 1 } ?? false
        case .date: return LogDay(text) != nil
        }
    }
}
