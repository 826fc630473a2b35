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
///
/// On GitHub and GitLab, data can also ping people and make links without any markup: an
/// `@name` mentions (and notifies) a user or a team, `#12` links an issue, and `https://…`,
/// `www.…` and `a@b.c` become links by themselves. A zero-width space (written `&#8203;`, so it
/// is seen in the source) goes after such an `@` or `#`, before the `:` of `://`, `mailto:` and
/// `xmpp:`, and before the `.` of `www.`: the text reads the same and is no longer any of them
/// (the entity is decoded after the mention and link rules have looked for their patterns).
enum MarkdownEscaping: TextEscaping {
    /// A zero-width space as an entity: invisible, and it breaks a mention's or a link's pattern.
    static let breaker = "&#8203;"

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
            case "@": out += next.map { $0.isLetter || $0.isNumber || "_-".contains($0) } == true ? "@" + breaker : "@"
            case ":": out += startsAutolink(characters, colonAt: i) ? breaker + ":" : ":"
            case "." where i >= 3 && String(characters[(i - 3)..<i]).lowercased() == "www": out += breaker + "."
            case "#" where next.map(\.isASCIIDigit) == true && !startsBlock(characters, at: i): out += "#" + breaker
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

    /// Whether the `:` at `i` makes an autolink: `://` (`https://`, `ftp://`, any scheme), or
    /// it ends `mailto` or `xmpp`.
    private static func startsAutolink(_ characters: [Character], colonAt i: Int) -> Bool {
        if i + 2 < characters.count, characters[i + 1] == "/", characters[i + 2] == "/" { return true }
        let word = String(characters[..<i].reversed().prefix { $0.isLetter }.reversed()).lowercased()
        return word.hasSuffix("mailto") || word.hasSuffix("xmpp")
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
