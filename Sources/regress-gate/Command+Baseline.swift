import RegressionKit

extension Commands {
    /// `regress-gate baseline update`: freeze a version, write atomically, say what was written
    /// (through a symbolic link: the target, by name).
    static func runBaselineUpdate(_ options: ParsedOptions) throws -> ExitCode {
        let path = options.value("baseline")!
        let snapshot = try aggregatesPath(options).map { path in
            try BaselineSnapshot.make(version: options.value("version")!, from: readAggregates(path))
        } ?? Console.readingLogs { onProgress in
            try BaselineSnapshot.make(
                version: options.value("version")!,
                from: options.list("logs").map(LogSource.init(argument:)),
                reading: try options.logReading(),
                onBadLine: Console.badLine, onProgress: onProgress,
                onRead: { Console.noteSplitRuns($0, scope: options.runScope) })
        }
        let written: String
        do throws(BaselineError) {
            written = try BaselineStore.save(snapshot, to: path, missingDirectories: options.flag("create-dirs") ? .createLast : .refuse)
        } catch {
            guard case .missingDirectory(_, let directory) = error else { throw error }
            let parent = directory == path[..<(path.lastIndex(of: "/") ?? path.startIndex)]   // the file's own folder
            throw OutputError(message: "\(error)" + (parent && !options.flag("create-dirs") ? ", or pass --create-dirs to create it" : " first (--create-dirs creates only the last level)"))
        }
        if options.value("format") == "json" {
            try Console.out(BaselineUpdateReport(path: path, snapshot: snapshot, written: written).jsonText())
            return .success
        }
        let s = snapshot.stats
        let target = written == path ? path : "\(written) (the target of the link \(path))"
        try Console.out(VisibleText.diagnosticLine("wrote \(target): version \(s.version), \(s.runs) runs, \(s.totalSteps) steps, \(s.failedSteps) failed, \(s.stepOrder.count) step names, \(s.cases.count) cases"))   // one line, the version escaped
        return .success
    }

    /// `regress-gate baseline show`.
    static func runBaselineShow(_ options: ParsedOptions) throws -> ExitCode {
        let path = options.value("baseline")!
        let snapshot = try BaselineStore.load(path)
        try Console.out(options.value("format") == "json" ? snapshot.jsonText() : snapshot.text(path: path))
        return .success
    }
}
