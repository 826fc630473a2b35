/// Escaping for XML 1.0 and HTML text, shared by the JUnit and HTML reports.
///
/// XML 1.0 forbids most control characters even as character references, so those are
/// replaced by U+FFFD (a visible "something was here") instead of producing a file that
/// strict consumers refuse. Tab, newline and carriage return are kept.
enum MarkupEscaping {
    /// `text` safe between tags: `&`, `<`, `>` escaped, forbidden characters replaced.
    static func text(_ text: String) -> String { escape(text, attribute: false) }

    /// `text` safe inside a double-quoted attribute: also `"` and `'`, and tab, newline and
    /// carriage return as character references so attribute normalization keeps them.
    static func attribute(_ text: String) -> String { escape(text, attribute: true) }

    private static func escape(_ text: String, attribute: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&#39;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            case "\r" where attribute: out += "&#13;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
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
