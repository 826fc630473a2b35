/// Escaping for XML 1.0 and HTML, shared by the JUnit and HTML reports: the one place they
/// write a string that came from data.
///
/// Data is one line of text: hidden characters are shown as in every human format
/// (`VisibleText`: a newline as `\n`, a bidi override as `\u{202E}`), so no newline from data
/// reaches the file and no character the XML 1.0 `Char` production forbids either; then `&`,
/// `<`, `>` (and in attributes `"` and `'`) become entities. Anything left that XML still
/// refuses (the noncharacters U+FFFE and U+FFFF) becomes U+FFFD. A report's own line breaks are
/// written between escaped lines, never through here.
enum MarkupEscaping {
    /// `text` safe between tags.
    static func text(_ text: String) -> String { escape(text, attribute: false) }

    /// `text` safe inside a double-quoted attribute: also `"` and `'`.
    static func attribute(_ text: String) -> String { escape(text, attribute: true) }

    /// `document` with no line that starts a CI command (`::`, `##[`): such a line's first `:` or
    /// `#` becomes a character reference, which a parser reads back as the same character.
    static func defuseCommands(_ document: String) -> String {
        VisibleText.defuseCommands(document) { $0 == ":" ? "&#58;" : "&#35;" }
    }

    /// Lines of text, each escaped, joined by newlines: a multi-line body such as a JUnit failure's.
    static func lines(_ lines: [String]) -> String { lines.map(text).joined(separator: "\n") }

    private static func escape(_ text: String, attribute: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in VisibleText.escape(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&#39;"
            default:
                out.unicodeScalars.append(isAllowedInXML(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    /// XML 1.0's `Char` production, minus the C1 controls and noncharacters it discourages.
    static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        case 0x7F...0x9F: return false
        default: return false
        }
    }
}

/// HTML: data is text between tags (`MarkupEscaping.text`), or in a quoted attribute with
/// `\(attribute: value)`; no line starts a CI command (the page may be printed to stdout).
enum HTMLEscaping: TextEscaping {
    static func escape(_ data: String) -> String { MarkupEscaping.text(data) }
    static func finish(_ document: String) -> String { MarkupEscaping.defuseCommands(document) }
}

/// An HTML fragment, its data escaped (see `HTMLEscaping`).
typealias HTMLText = EscapedText<HTMLEscaping>

extension EscapedText.StringInterpolation where Format == HTMLEscaping {
    /// Data inside a double-quoted attribute: also `"` and `'` escaped.
    mutating func appendInterpolation(attribute data: String) { appendInterpolation(HTMLText(trusted: MarkupEscaping.attribute(data))) }
}
