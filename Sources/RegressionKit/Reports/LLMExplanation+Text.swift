/// The model's explanation in the text reports, after the rules' analysis: the summary, root
/// causes, actions and next iteration; or one line saying why there is none. The model's words
/// are data: escaped like any other (`TerminalText`).
extension LLMExplanation {
    /// The section, within 80 columns, starting with a blank line.
    var text: TerminalText {
        let model = self.model ?? "no model"
        guard let a = analysis else {
            return "\n" + ReportFormat.wrap("Model's analysis unavailable (\(model)): \(reason ?? "no answer"); the rules' analysis above stands.", indent: "", hanging: "  ")
        }
        var out: TerminalText = "\nModel's explanation (\(model); advisory: it changes no number above):\n"
        for line in Self.lines(a.summary) { out += ReportFormat.wrap("\(line)", indent: "  ", hanging: "  ") }
        if !a.rootCauses.isEmpty {
            out += "  Root causes:\n"
            for c in a.rootCauses {
                out += ReportFormat.wrap("\(c.step) / \(c.category) (confidence \(trusted: ReportFormat.ratio(c.confidence))): \(c.explanation)", indent: "    - ", hanging: "      ")
            }
        }
        if !a.recommendations.isEmpty {
            out += "  Recommendations:\n"
            for r in a.recommendations {
                out += ReportFormat.wrap("\(r.action)", indent: "    \(r.priority.padding(toLength: 6, withPad: " ", startingAt: 0))  ", hanging: "            ")
                if !r.rationale.isEmpty { out += ReportFormat.wrap("→ \(r.rationale)", indent: "            ", hanging: "              ") }
            }
        }
        if !a.nextIteration.isEmpty { out += ReportFormat.wrap("Next iteration: \(a.nextIteration)", indent: "  ", hanging: "    ") }
        return out
    }

    /// A model's text in lines: its own line breaks kept as breaks (each line still escaped), blank lines dropped.
    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
    }

    /// The section in Markdown (the `check` Markdown report), starting with a blank line.
    var markdown: MarkdownText {
        let model = MarkdownEscaping.codeSpan(self.model ?? "no model")
        guard let a = analysis else {
            return "\n_Model's analysis unavailable (\(trusted: model)): \(reason ?? "no answer"); the verdict above is the rules'._\n"
        }
        var out: MarkdownText = "\n#### Model's explanation (\(trusted: model))\n\n_Advisory: the verdict and every number above are the rules'._\n"
        for line in Self.lines(a.summary) { out += "\n\(line)\n" }
        if !a.rootCauses.isEmpty {
            out += "\n**Root causes**\n\n"
            for c in a.rootCauses {
                out += "- \(trusted: MarkdownEscaping.codeSpan(c.step)) \(c.category) (confidence \(trusted: ReportFormat.ratio(c.confidence))): \(c.explanation)\n"
            }
        }
        if !a.recommendations.isEmpty {
            out += "\n**Recommendations**\n\n"
            for r in a.recommendations { out += "- **\(r.priority)** \(r.action): \(r.rationale)\n" }
        }
        if !a.nextIteration.isEmpty { out += "\n**Next iteration:** \(a.nextIteration)\n" }
        return out
    }

    /// The section in HTML (the `check` HTML report).
    var html: HTMLText {
        let model = self.model ?? "no model"
        guard let a = analysis else {
            return "<section id=\"llm\"><h2>Model's explanation</h2><p>Unavailable (\(model)): \(reason ?? "no answer"); the verdict above is the rules'.</p></section>\n"
        }
        var out: HTMLText = "<section id=\"llm\"><h2>Model's explanation (\(model))</h2>\n<p><em>Advisory: the verdict and every number above are the rules'.</em></p>\n"
        for line in Self.lines(a.summary) { out += "<p>\(line)</p>\n" }
        if !a.rootCauses.isEmpty {
            out += "<h3>Root causes</h3><ul>\n"
            for c in a.rootCauses { out += "<li><strong>\(c.step)</strong> \(c.category) (confidence \(trusted: ReportFormat.ratio(c.confidence))): \(c.explanation)</li>\n" }
            out += "</ul>\n"
        }
        if !a.recommendations.isEmpty {
            out += "<h3>Recommendations</h3><ul>\n"
            for r in a.recommendations { out += "<li><strong>\(r.priority)</strong> \(r.action): \(r.rationale)</li>\n" }
            out += "</ul>\n"
        }
        if !a.nextIteration.isEmpty { out += "<p><strong>Next iteration:</strong> \(a.nextIteration)</p>\n" }
        return out + "</section>\n"
    }
}
