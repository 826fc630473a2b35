import Foundation
import Testing
@testable import RegressionKit

/// The rules each format's escaping keeps, for every string: checked on generated strings
/// drawn from the characters that attack some format, and on examples that pin the bytes.
@Suite("Escaping")
struct EscapingTests {
    /// Scalars that attack some format, and ordinary text around them.
    static let pool: [Unicode.Scalar] = Array("\n\r\t\u{0}\u{7}\u{1B}\u{7F}\u{85}\u{9B}\u{AD}\u{61C}\u{200B}\u{200C}\u{200D}\u{200E}\u{202A}\u{202E}\u{2028}\u{2029}\u{2060}\u{2066}\u{2069}\u{FEFF}\u{E0041}\u{E007F}\u{3000}\u{A0}"
        .unicodeScalars) + Array("<>&\"'|`*_~[]()!#+-=.:,\\%/ ;1234567890abcXYZğ名😤👩🏴🇩🇪\u{301}".unicodeScalars)

    /// 400 strings of 0 to 24 scalars from `pool`, the same on every run.
    static let strings: [String] = {
        var random = SeededRandom(seed: 15)
        return (0..<400).map { _ in
            var s = String.UnicodeScalarView()
            for _ in 0..<random.next(25) { s.append(pool[random.next(pool.count)]) }
            return String(s)
        }
    }()

    /// What the escaped text may still hold: a joiner between emoji, the tags of a flag.
    static func stillHidden(_ text: String) -> [Unicode.Scalar] {
        let scalars = Array(text.unicodeScalars)
        return scalars.indices.filter { i in
            guard VisibleText.isHidden(scalars[i]) else { return false }
            if scalars[i].value == 0x200D, i > 0, scalars[i - 1].properties.isEmoji, scalars[i - 1].value > 0xFF { return false }
            if (0xE0020...0xE007F).contains(scalars[i].value) { return false }   // kept only after 🏴: the example below pins it
            return true
        }.map { scalars[$0] }
    }

    @Test func visibleTextLeavesNothingHiddenAndIsStable() {
        for s in Self.strings {
            let shown = VisibleText.escape(s)
            #expect(Self.stillHidden(shown).isEmpty, "\(s.debugDescription) → \(shown.debugDescription)")
            #expect(!shown.contains("\n") && !shown.contains("\r"))
            #expect(VisibleText.escape(shown) == shown, "not stable: \(s.debugDescription)")
            if !s.unicodeScalars.contains(where: VisibleText.isHidden) { #expect(shown == s) }
        }
        #expect(VisibleText.escape("a\nb\r\tc\u{1B}[31m\u{202E}d\u{200B}\u{2028}") == #"a\nb\r\tc\u{1B}[31m\u{202E}d\u{200B}\u{2028}"#)
        #expect(VisibleText.escape("👨‍👩‍👧 🇩🇪 🏴\u{E0067}\u{E0062}\u{E007F} x\u{200D}y \u{E0041}") == #"👨‍👩‍👧 🇩🇪 🏴"# + "\u{E0067}\u{E0062}\u{E007F}" + #" x\u{200D}y \u{E0041}"#)
    }

    @Test func noLineStartsACICommand() {
        for s in Self.strings + ["::warning::x", "  ::error::y", "\u{3000}::set-output::z", "##[error]w", "a\n :: b"] {
            let text = VisibleText.defuseCommands("ours\n" + s + "\n  " + s)
            for line in text.split(separator: "\n") {
                #expect(!VisibleText.startsCommand(line), "\(line.debugDescription)")
            }
        }
        #expect(VisibleText.defuseCommands("a\n  ::warning::x\n##[group]y\nb::c") == "a\n  \\u{3A}:warning::x\n\\u{23}#[group]y\nb::c")
        #expect(VisibleText.diagnosticLine("error: no version 'v\n::error::x'") == #"error: no version 'v\n::error::x'"# + "\n")
    }

    @Test func terminalTextEscapesWhatIsInterpolatedNotWhatIsWritten() {
        let name = "s\n::warning::x"
        let text: TerminalText = "step \(name): \(3) runs\n"
        #expect(text.string == #"step s\n::warning::x: 3 runs"# + "\n")
        var table = TextTable([("step", .left), ("n", .right)])
        table.add([name, "1"])
        #expect(table.render().string == "  step" + String(repeating: " ", count: 13) + "n\n  " + #"s\n::warning::x"# + "  1\n")   // measured escaped
    }

    @Test func clippingMeasuresWhatIsShownAndNeverHalvesAnEscape() {
        #expect(ReportFormat.clip("ab\ncd", 10) == #"ab\ncd"#)
        #expect(ReportFormat.clip("abcdefgh\u{202E}xyz", 12) == "abcdefgh…")
        #expect(ReportFormat.clip("abcdefghij", 5) == "abcd…")
        for s in Self.strings {
            let clipped = ReportFormat.clip(s, 12)
            #expect(clipped.count <= 12 && Self.stillHidden(clipped).isEmpty, "\(s.debugDescription)")
        }
    }

    @Test func markdownDataIsNeverMarkup() {
        for s in Self.strings {
            let md = MarkdownEscaping.escape(s)
            let chars = Array(md)
            #expect(!md.contains("\n") && Self.stillHidden(md).isEmpty, "\(s.debugDescription)")
            for (i, c) in chars.enumerated() {
                let escaped = chars[..<i].reversed().prefix { $0 == "\\" }.count % 2 == 1
                let next = i + 1 < chars.count ? chars[i + 1] : " "
                if c == "<" { #expect(!(next.isLetter || "/!?".contains(next)), "a tag: \(md.debugDescription)") }
                if "|*`~".contains(c) { #expect(escaped, "\(c) unescaped: \(md.debugDescription)") }
                if c == "]" && "([:".contains(next) { #expect(escaped, "a link: \(md.debugDescription)") }
            }
            #expect(!md.hasSuffix("\\") || md.hasSuffix("\\\\"), "a trailing backslash escapes what follows: \(md.debugDescription)")
        }
        #expect(MarkdownEscaping.escape("</details><img src=x onerror=alert(1)>") == "&lt;/details>&lt;img src=x onerror=alert(1)>")
        #expect(MarkdownEscaping.escape("[x](javascript:a) | *b* _c_ `d`") == #"[x\](javascript:a) \| \*b\* \_c\_ \`d\`"#)
        #expect(MarkdownEscaping.escape("- item") == #"\- item"# && MarkdownEscaping.escape("1. item") == #"1\. item"# && MarkdownEscaping.escape("# h") == ##"\# h"##)
        #expect(MarkdownEscaping.escape("> q") == "&gt; q" && MarkdownEscaping.escape("&lt;") == "&amp;lt;")
        for ordinary in ["query_rewrite", "v2.1", "2.0", "prompt-v3", "C:\\Users\\me", "R&D", "a < b", "+5.2 pp [+0.7, +13.5]", "Q&A: 10 % → 20 %"] {
            #expect(MarkdownEscaping.escape(ordinary) == ordinary)
        }
        #expect(MarkdownEscaping.codeSpan("a`b\n") == #"`a'b\n`"#)
    }

    @Test func htmlXMLAndSlackEscapeTheirOwnSyntax() {
        for s in Self.strings {
            let text = MarkupEscaping.text(s), attribute = MarkupEscaping.attribute(s)
            #expect(!text.contains("<") && !text.contains(">") && Self.stillHidden(text).isEmpty)
            #expect(!attribute.contains("\"") && !attribute.contains("'") && !attribute.contains("<"))
            #expect(text.unicodeScalars.allSatisfy(MarkupEscaping.isAllowedInXML))
            let slack = SlackEscaping.escape(s)
            #expect(!slack.contains("<") && !slack.contains(">") && Self.stillHidden(slack).isEmpty)
        }
        // In markup a line that would start a CI command gets a character reference, which parsers read back as ':'.
        #expect(MarkupEscaping.defuseCommands("<a>\n  ::warning::x\n##[error]y</a>") == "<a>\n  &#58;:warning::x\n&#35;#[error]y</a>")
        #expect(Alert(rule: .consecutiveFailures, level: "CRITICAL", message: "step '<!channel> & <https://x|y>' failed").text
                == "🔴 *[regress-gate]* step '&lt;!channel&gt; &amp; &lt;https://x|y&gt;' failed")
    }
}

/// SplitMix64: a small seeded generator.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
