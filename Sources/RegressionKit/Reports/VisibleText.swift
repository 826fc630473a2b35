/// The characters no human format shows as they are, and how each format shows them instead.
///
/// A step name, error type, version, case or run id from a log can hold anything. Characters
/// that are invisible, move the cursor or reorder text would let that data hide itself, forge a
/// line of the report, or (at the start of a line on stdout) run a GitHub Actions workflow
/// command. So every human format shows them as escapes a reader can see:
///
/// - C0 and C1 controls and DEL (`Cc`): `\n`, `\r`, `\t`, else `\u{1B}`;
/// - format characters (`Cf`): bidi embeddings, overrides and isolates (U+202A–202E,
///   U+2066–2069), zero-width characters (U+200B–200F, U+2060, U+FEFF), tag characters, the soft
///   hyphen: `\u{202E}`;
/// - the line and paragraph separators U+2028 and U+2029: `\u{2028}`.
///
/// Two uses of format characters are text rather than tricks and are kept: a zero-width joiner
/// between two emoji (👨‍👩‍👧 is one picture; also after the last emoji of a text cut short),
/// and the tag characters of a subdivision flag (🏴 then tags up to U+E007F). A backslash is
/// shown as it is: human formats are for reading, and `--format json` has the exact bytes.
package enum VisibleText {
    /// `text` with every hidden character shown as an escape; text without any is returned as it is.
    ///
    /// ```swift
    /// VisibleText.escape("a\nb\u{202E}c")   // #"a\nb\u{202E}c"#
    /// ```
    static func escape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: isHidden) else { return text }
        var out = String.UnicodeScalarView()
        var inFlagTags = false
        for (i, scalar) in scalars.enumerated() {
            if isHidden(scalar) {
                if scalar.value == 0x200D, i > 0, joinsEmoji(before: scalars[..<i], after: i + 1 < scalars.count ? scalars[i + 1] : nil) {
                    out.append(scalar)
                    continue
                }
                if (0xE0020...0xE007F).contains(scalar.value),
                   inFlagTags || (i > 0 && scalars[i - 1].value == 0x1F3F4) {
                    out.append(scalar)
                    inFlagTags = scalar.value != 0xE007F
                    continue
                }
                out.append(contentsOf: shown(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
            inFlagTags = false
        }
        return String(out)
    }

    /// Whether a human format must not show `scalar` as it is: a control, a format character, a line or paragraph separator.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x20 && scalar.value < 0x7F { return false }   // printable ASCII: the fast path
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// `\n`, `\r`, `\t`, or `\u{HEX}`.
    static func shown(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: return "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        }
    }

    /// A zero-width joiner after an emoji (skin tones and variation selectors aside) and before
    /// one, or at the end of the text (a sequence cut short, as a clipped summary may be).
    private static func joinsEmoji(before: ArraySlice<Unicode.Scalar>, after: Unicode.Scalar?) -> Bool {
        let previous = before.last { !(0xFE00...0xFE0F).contains($0.value) && !(0x1F3FB...0x1F3FF).contains($0.value) }
        return previous.map(isPictograph) == true && after.map(isPictograph) ?? true
    }

    private static func isPictograph(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0xA9 && scalar.properties.isEmoji
    }

    /// A diagnostic for stderr (`error: ...`, `warning: ...`): one line whatever the data in it,
    /// hidden characters shown, never a CI command; ends in a newline.
    package static func diagnosticLine(_ text: String) -> String {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return defuseCommands(escape(body)) + "\n"
    }

    /// Whether a line would be read as a CI command: after leading whitespace, GitHub Actions
    /// runs a line that starts with `::` (workflow command) or `##[` (its older form).
    static func startsCommand(_ line: Substring) -> Bool {
        let rest = line.drop { $0.isWhitespace }
        return rest.hasPrefix("::") || rest.hasPrefix("##[")
    }

    /// `text` with every line that would start a CI command defused: its first `:` or `#` shown
    /// as `\u{3A}` or `\u{23}` (or as `replacement` gives it: markup uses a character reference).
    /// No human format starts a line that way by itself, so only data can; a GitHub annotation
    /// is written by its own format and never passes here.
    static func defuseCommands(_ text: String, replacement: (Character) -> String = { $0 == ":" ? "\\u{3A}" : "\\u{23}" }) -> String {
        guard text.contains("::") || text.contains("##[") else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var changed = false
        for (n, line) in lines.enumerated() where startsCommand(line) {
            let start = line.firstIndex { !$0.isWhitespace }!
            lines[n] = line[..<start] + replacement(line[start]) + line[line.index(after: start)...]
            changed = true
        }
        return changed ? lines.joined(separator: "\n") : text
    }
}
