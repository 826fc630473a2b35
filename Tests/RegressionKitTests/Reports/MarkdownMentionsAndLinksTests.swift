import Foundation
import Testing
@testable import RegressionKit

/// Data in a pull-request comment or a step summary can ping people and make links without
/// any markup on GitHub and GitLab (`@name`, `#12`, `https://…`, `www.…`, `a@b.c`): the
/// Markdown escaping neutralises each, on generated hostile strings and on pinned examples.
@Suite("Markdown: no mention, link, tag or broken cell from data")
struct MarkdownMentionsAndLinksTests {
    /// Pieces that build mentions, links, tags, entities and table breaks, and plain text.
    static let pieces = ["@", "@", "user", "org/team", "-bot", "_x", "https", "http", "HTTPS", "ftp", "://", ":", "//", "www", "WwW", ".", "example.com",
                         "mailto", "xmpp", "<", ">", "a", "/", "!", "?", "|", "\\", "\n", "\r\n", "#", "12", "7", " ", "[", "]", "(", ")", "`",
                         "&", "#8203;", "&#64;", "<!--", "-->", "script", "img src=x", "é", "😤", "\u{200B}", "\t"]

    /// 2 000 strings of up to 12 pieces, the same on every run.
    static let strings: [String] = {
        var random = SeededRandom(seed: 22)
        return (0..<2000).map { _ in (0..<random.next(13)).map { _ in pieces[random.next(pieces.count)] }.joined() }
    }()

    /// What in `markdown` GitHub would turn into a mention, an autolink, an issue link or a tag,
    /// or what would break out of a table cell; empty when nothing. The escaping's `&#8203;` is
    /// read as the zero-width space it renders (data's own `&#…;` is escaped to `&amp;#…;`).
    static func dangers(_ markdown: String) -> [String] {
        var found: [String] = []
        let rendered = markdown.replacingOccurrences(of: MarkdownEscaping.breaker, with: "\u{200B}")
        let c = Array(rendered)
        let lower = rendered.lowercased()
        if markdown.contains("\n") || markdown.contains("\r") { found.append("a line break") }
        for (i, ch) in c.enumerated() {
            let next = i + 1 < c.count ? c[i + 1] : " "
            let backslashes = c[..<i].reversed().prefix { $0 == "\\" }.count
            switch ch {
            case "@" where next.isLetter || next.isNumber || "_-".contains(next): found.append("a mention at \(i)")
            case "<" where next.isLetter || "/!?".contains(next): found.append("a tag at \(i)")
            case "|" where backslashes % 2 == 0: found.append("a cell break at \(i)")
            case "#" where next.isNumber && !(i > 0 && c[i - 1] == "&"): found.append("an issue link at \(i)")
            default: break
            }
        }
        // A URL autolink needs its scheme right before "://"; "www." and "mailto:" / "xmpp:" link anywhere.
        let l = Array(lower)
        for i in l.indices.dropFirst() where l[i...].starts(with: "://") && (l[i - 1].isLetter || l[i - 1].isNumber || "+-.".contains(l[i - 1])) {
            found.append("an autolink (scheme://) at \(i)")
        }
        for pattern in ["www.", "mailto:", "xmpp:"] where lower.contains(pattern) { found.append("an autolink (\(pattern))") }
        return found
    }

    @Test func noGeneratedStringMentionsLinksTagsOrBreaksACell() {
        var failures: [String] = []
        for s in Self.strings {
            let dangers = Self.dangers(MarkdownEscaping.escape(s))
            if !dangers.isEmpty { failures.append("\(s.debugDescription) → \(MarkdownEscaping.escape(s).debugDescription): \(dangers)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
    }

    @Test func theExamplesReadTheSameButAreText() {
        #expect(MarkdownEscaping.escape("@admin please") == "@&#8203;admin please")
        #expect(MarkdownEscaping.escape("cc @org/security-team") == "cc @&#8203;org/security-team")
        #expect(MarkdownEscaping.escape("see https://evil.example/x") == "see https&#8203;://evil.example/x")
        #expect(MarkdownEscaping.escape("www.evil.example") == "www&#8203;.evil.example")
        #expect(MarkdownEscaping.escape("mail me@corp.example") == "mail me@&#8203;corp.example")
        #expect(MarkdownEscaping.escape("mailto:x") == "mailto&#8203;:x")
        #expect(MarkdownEscaping.escape("fixes #12") == "fixes #&#8203;12")
        #expect(MarkdownEscaping.escape("<https://x>") == "&lt;https&#8203;://x>")
        // Ordinary text keeps its bytes.
        for ordinary in ["a @ b", "Q&A: 10 %", "C:\\Users\\me", "ratio 1:2", "v2.1", "#tag", "issue # 3"] {
            #expect(MarkdownEscaping.escape(ordinary) == ordinary)
        }
    }
}
