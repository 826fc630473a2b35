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
        if let p = provenance {
            let models = p.modelRecords.keys.sorted().map { "\($0) (\(p.modelRecords[$0]!) records)" }
            out += ReportFormat.wrap("models: \(models.isEmpty ? "none named" : models.joined(separator: ", ")); case set sha256 \(p.caseSetSHA256); logs: \(p.logFormats.joined(separator: ", ")); recorded by \(p.toolVersion)", indent: "  ", hanging: "    ")
        } else {
            out += "  no provenance (recorded before baselines kept it): models and case set not compared\n"
        }
        if let first = daily.first, let last = daily.last, daily.count >= 2 {
            out += "  daily history: \(daily.count) days, \(first.day) to \(last.day)\n"
        }
        out += "\n"
        return (out + stats.reportText).string
    }
}
