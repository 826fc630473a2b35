/// `regress-gate baseline show` in text.
extension BaselineSnapshot {
    /// A summary a person reads: what was frozen, from what, and the per-step figures.
    package func text(path: String) -> String {
        var out: TerminalText = "baseline \(path): version \(version), schema \(Self.schemaVersion)\n"
        var made = "made \(createdAt) by \(createdBy) from \(source.files.isEmpty ? "records in memory" : source.files.joined(separator: ", "))"
        made += " (\(source.versionRecords) of \(source.records) records"
        made += source.badLines > 0 ? ", \(source.badLines) bad lines skipped)" : ")"
        out += ReportFormat.wrap("\(made)", indent: "  ", hanging: "    ")
        out += "  \(stats.cases.count) cases\n"
        if let first = daily.first, let last = daily.last, daily.count >= 2 {
            out += "  daily history: \(daily.count) days, \(first.day) to \(last.day)\n"
        }
        out += "\n"
        return (out + stats.reportText).string
    }
}
