/// GitHub-flavoured Markdown (a step summary, a PR comment): what data may not do there.
///
/// Data is shown as text, never as markup, wherever it stands (a table cell, a list item, a
/// heading). Hidden characters are shown (`VisibleText`), so no newline ends a row or starts a
/// block. A backslash goes before `|` (it would split a table row) and before `*`, `` ` ``, `~`
/// (emphasis, code, strike-through), and `_` except inside a word (`query_rewrite`, where it
/// never emphasises). The rest is escaped only where it would be markup, so ordinary text keeps
/// its bytes: `<` before a letter, `/`, `!` or `?` (a tag, an autolink, a comment) and `&`
/// before an entity (`&lt;`, `&amp;`); `]` before `(`, `[` or `:` (a link, an image, a link
/// definition); `\` before punctuation or at the end (it would escape what follows); a leading
/// `>`, `# `, `- `, `+ `, `---`, `===` or `1. ` (a block).
enum MarkdownEscaping: TextEscaping {
    static func escape(_ data: String) -> String {
        let characters = Array(VisibleText.escape(data))
        var out = ""
        for (i, c) in characters.enumerated() {
            let next = i + 1 < characters.count ? characters[i + 1] : nil
            switch c {
            case "|", "*", "`", "~": out += "\\" + String(c)
            case "_":
                let inWord = i > 0 && next.map(isWordCharacter) == true && isWordCharacter(characters[i - 1])
                out += inWord ? "_" : "\\_"
            case "<": out += next.map { $0.isLetter || "/!?".contains($0) } == true ? "&lt;" : "<"
            case "&": out += startsEntity(characters, at: i) ? "&amp;" : "&"
            case "]": out += next.map { "([:".contains($0) } == true ? "\\]" : "]"
            case "\\": out += next.map { $0.isASCII && $0.isPunctuationOrSymbol } ?? true ? "\\\\" : "\\"
            case ">": out += i == 0 ? "&gt;" : ">"
            case "#", "+", "-", "=", ".", ")":
                out += startsBlock(characters, at: i) ? "\\" + String(c) : String(c)
            default: out.append(c)
            }
        }
        return out
    }

    /// `text` as a code span: shown exactly, backticks as `'` (a code span cannot escape them).
    static func codeSpan(_ data: String) -> String {
        "`" + VisibleText.escape(data).replacingOccurrences(of: "`", with: "'") + "`"
    }

    static func finish(_ document: String) -> String { VisibleText.defuseCommands(document) }

    /// Whether the character at `i` begins a block: a leading `#`, `+`, `-` or `=` run before
    /// a space or the end (`# x`, `- x`, `---`), or the `.` / `)` after a leading number (`1. x`).
    private static func startsBlock(_ characters: [Character], at i: Int) -> Bool {
        let c = characters[i]
        let marker: Int
        if "#+-=".contains(c) {
            guard i == 0 else { return false }
            marker = characters.prefix { $0 == c }.count
        } else {
            guard i > 0, characters[..<i].allSatisfy(\.isASCIIDigit) else { return false }
            marker = i + 1
        }
        return marker == characters.count || characters[marker] == " "
    }

    /// `&` then a name or a number and `;`: what HTML reads as a character reference.
    private static func startsEntity(_ characters: [Character], at i: Int) -> Bool {
        let rest = characters[(i + 1)...].prefix { $0.isLetter || $0.isNumber || $0 == "#" }
        return !rest.isEmpty && rest.endIndex < characters.count && characters[rest.endIndex] == ";"
    }

    private static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isPunctuationOrSymbol: Bool { isPunctuation || isSymbol }
}

/// Markdown, its data escaped (see `MarkdownEscaping`).
typealias MarkdownText = EscapedText<MarkdownEscaping>
