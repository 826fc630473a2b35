/// A plain-text table: columns sized to their widest cell, numbers right-aligned.
///
/// Every header and cell is data to the table: it is escaped (`VisibleText`) before it is
/// measured, so a name cannot break a row or hide in it.
struct TextTable {
    enum Alignment { case left, right }

    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    init(_ columns: [(String, Alignment)]) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// The table with a two-space indent and two spaces between columns.
    func render(indent: String = "  ") -> TerminalText {
        let headers = headers.map(VisibleText.escape)
        let rows = rows.map { $0.map(VisibleText.escape) }
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                parts.append(alignments[i] == .left ? cell + pad : pad + cell)
            }
            var text = indent + parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return TerminalText(trusted: ([line(headers)] + rows.map(line)).joined(separator: "\n") + "\n")
    }
}

/// Formatting shared by the text and markdown reports.
enum ReportFormat {
    /// "12.5 %" for a rate 0...1.
    static func percent(_ rate: Double) -> String { String(format: "%.1f %%", rate * 100) }

    /// "+12.3 pp" / "-0.4 pp" / "0.0 pp".
    static func pp(_ delta: Double?) -> String {
        guard let delta else { return "—" }
        let rounded = (delta * 10).rounded() / 10
        if rounded == 0 { return "0.0 pp" }
        return String(format: "%+.1f pp", rounded)
    }

    /// "12.5 % (25/200)".
    static func rate(_ counts: StepCounts?) -> String {
        guard let counts else { return "—" }
        return "\(percent(counts.rate)) (\(counts.failed)/\(counts.total))"
    }

    /// "+12.3", "-0.4", "0.0": one decimal, signed, no negative zero.
    static func signed(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == 0 ? "0.0" : String(format: "%+.1f", rounded)
    }

    /// "<.0001" or "0.0123": a p-value in six characters.
    static func shortP(_ p: Double) -> String { p < 0.0001 ? "<.0001" : String(format: "%.4f", p) }

    /// The verdict in a table cell: REGRESSION and INSUFFICIENT keep the table within 80 columns.
    static func shortVerdict(_ v: Verdict) -> String {
        switch v {
        case .regressionDetected: return "REGRESSION"
        case .insufficientData: return "INSUFFICIENT"
        default: return v.rawValue
        }
    }

    /// `text` word-wrapped to `width` columns, the first line after `indent`, the rest after `hanging`; ends in a newline.
    static func wrap(_ text: TerminalText, width: Int = 80, indent: String, hanging: String) -> TerminalText {
        let text = text.escaped
        var lines: [String] = []
        var line = indent
        // A unit stays with its number: "10 %" and "2 pp" never break across lines.
        var words: [Substring] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if let last = words.last, word == "%" || word.hasPrefix("pp"), !last.isEmpty {
                words[words.count - 1] = Substring(last + " " + word)
            } else {
                words.append(word)
            }
        }
        for word in words {
            let prefix = lines.isEmpty ? indent : hanging
            if line.count > prefix.count, line.count + 1 + word.count > width {
                lines.append(line)
                line = hanging + word
            } else {
                line += (line.count > prefix.count ? " " : "") + word
            }
        }
        lines.append(line)
        return TerminalText(trusted: lines.joined(separator: "\n") + "\n")
    }

    /// Shortens `text` to `width` characters with an ellipsis, measured as a human format shows
    /// it: hidden characters escaped first (`VisibleText`), so a newline shows as `\n`.
    static func clip(_ text: String, _ width: Int) -> String {
        let text = VisibleText.escape(text)
        guard text.count > width else { return text }
        var head = String(text.prefix(width - 1))
        if let open = head.range(of: "\\u{", options: .backwards), !head[open.upperBound...].contains("}") {
            head = String(head[..<open.lowerBound])   // not half an escape
        }
        return head + "…"
    }
}
