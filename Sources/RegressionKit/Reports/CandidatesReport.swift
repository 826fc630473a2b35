/// What `regress-gate candidates` did: the merged candidates file and what changed in it.
package struct CandidatesReport: Sendable {
    /// The file written.
    var path: String
    /// The merged file.
    var file: CandidatesFile
    /// What reading the logs saw.
    var input: LogReadSummary

    /// A report of the merged `file` written to `path`.
    package init(path: String, file: CandidatesFile, input: LogReadSummary) {
        self.path = path
        self.file = file
        self.input = input
    }

    func count(_ change: CandidatesFile.Change) -> Int { file.entries.filter { $0.change == change }.count }

    /// `{"format_version": 1, "file", "candidates": [... + "change"], "new", "updated", "unchanged", "kept", "eligible", "input"}`.
    package func jsonText() -> String {
        JSONValue.object([
            "format_version": .number(1),
            "file": .string(path),
            "candidates": .array(file.entries.map { e in
                let c = e.candidate
                return .object([
                    "query": .string(c.query), "failure_count": .number(c.failureCount),
                    "root_cause_category": .string(c.rootCauseCategory), "first_seen": .string(c.firstSeen),
                    "last_seen": .string(c.lastSeen), "auto_add_eligible": .bool(c.autoAddEligible),
                    "change": .string(e.change.rawValue),
                ])
            }),
            "new": .number(count(.new)), "updated": .number(count(.updated)),
            "unchanged": .number(count(.unchanged)), "kept": .number(count(.kept)),
            "eligible": .number(file.entries.filter(\.candidate.autoAddEligible).count),
            "input": input.jsonValue,
        ]).prettyPrinted
    }

    /// A summary line, then the candidates most failed first.
    package func text() -> String {
        let eligible = file.entries.filter(\.candidate.autoAddEligible).count
        var out: TerminalText = "\(path): \(file.entries.count) candidate\(file.entries.count == 1 ? "" : "s") (\(count(.new)) new, \(count(.updated)) updated, \(count(.unchanged)) unchanged, \(count(.kept)) kept from the file); \(eligible) eligible for automatic addition\n"
        let shown = file.entries.enumerated().sorted {
            $0.element.candidate.failureCount != $1.element.candidate.failureCount
                ? $0.element.candidate.failureCount > $1.element.candidate.failureCount : $0.offset < $1.offset
        }.map(\.element)
        if !shown.isEmpty {
            var table = TextTable([("fails", .right), ("auto", .left), ("category", .left), ("query", .left)])
            for e in shown.prefix(20) {
                let c = e.candidate
                table.add(["\(c.failureCount)", c.autoAddEligible ? "yes" : "no", ReportFormat.clip(c.rootCauseCategory, 17),
                           ReportFormat.clip(c.query, 44)])
            }
            out += "\n\(table.render())"
            if shown.count > 20 { out += "  (\(shown.count - 20) more in \(path))\n" }
        }
        out += "\n\(input.textLine)\n"
        return out.string
    }
}
