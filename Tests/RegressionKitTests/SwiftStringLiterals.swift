/// The string literals of Swift source, comments left out: what a test about the words a module
/// writes reads (a doc comment may name anything; a literal ends up in front of a user).
///
/// A small scanner, enough for this package's sources: line and nested block comments, plain,
/// multi-line and raw (`#"..."#`) strings, escapes, and interpolations with strings inside.
/// Regex literals are not recognised (the library has none).
struct SwiftStringLiterals {
    /// One literal: its text, with escapes resolved to their character (`\n` a line break, `\"`
    /// a quote) and each interpolation replaced by a space, and the line it starts on.
    struct Literal: Equatable {
        var text: String
        var line: Int
    }

    /// Every string literal in `source`, in order; a literal inside an interpolation comes before
    /// the literal around it.
    static func scan(_ source: String) -> [Literal] {
        var scanner = SwiftStringLiterals(scalars: Array(source.unicodeScalars))
        scanner.code(interpolation: false)
        return scanner.found
    }

    private let scalars: [Unicode.Scalar]
    private var i = 0
    private var line = 1
    private var found: [Literal] = []

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < scalars.count ? scalars[i + k] : nil }

    private mutating func advance(_ n: Int = 1) {
        for _ in 0..<n where i < scalars.count {
            if scalars[i] == "\n" { line += 1 }
            i += 1
        }
    }

    /// Code up to the end, or, in an interpolation, up to the parenthesis that closes it.
    private mutating func code(interpolation: Bool) {
        var depth = 0
        while let c = peek() {
            if c == "/" && peek(1) == "/" {
                while let d = peek(), d != "\n" { advance() }
            } else if c == "/" && peek(1) == "*" {
                blockComment()
            } else if c == "\"" || (c == "#" && opensRawString()) {
                string()
            } else if interpolation && c == "(" {
                depth += 1
                advance()
            } else if interpolation && c == ")" {
                advance()
                if depth == 0 { return }
                depth -= 1
            } else {
                advance()
            }
        }
    }

    /// At `#`: whether hashes and a quote follow (`#"`, `##"`), not `#if` or `#filePath`.
    private func opensRawString() -> Bool {
        var k = 0
        while peek(k) == "#" { k += 1 }
        return peek(k) == "\""
    }

    private mutating func blockComment() {
        advance(2)
        var depth = 1
        while depth > 0, let c = peek() {
            if c == "/" && peek(1) == "*" { depth += 1; advance(2) }
            else if c == "*" && peek(1) == "/" { depth -= 1; advance(2) }
            else { advance() }
        }
    }

    /// Whether `count` hashes start `k` scalars ahead.
    private func hashes(_ count: Int, at k: Int) -> Bool {
        (0..<count).allSatisfy { peek(k + $0) == "#" }
    }

    private mutating func string() {
        let start = line
        var hashCount = 0
        while peek() == "#" { hashCount += 1; advance() }
        let quotes = peek(1) == "\"" && peek(2) == "\"" ? 3 : 1
        advance(quotes)
        var text = String.UnicodeScalarView()
        while let c = peek() {
            if c == "\"", (0..<quotes).allSatisfy({ peek($0) == "\"" }), hashes(hashCount, at: quotes) {
                advance(quotes + hashCount)
                break
            }
            if c == "\\", hashes(hashCount, at: 1) {
                advance(1 + hashCount)
                if peek() == "(" {
                    advance()
                    code(interpolation: true)
                    text.append(" ")
                } else if let escaped = peek() {
                    text.append(["n": "\n", "t": "\t", "r": "\r"][escaped] ?? escaped)
                    advance()
                }
                continue
            }
            text.append(c)
            advance()
        }
        found.append(Literal(text: String(text), line: start))
    }
}
