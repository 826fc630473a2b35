import RegressionKit

extension ParsedOptions {
    /// `--run-scope`: whether a run id names a run across all `--logs` files or within its own.
    var runScope: RunScope { RunScope(rawValue: value("run-scope") ?? "all") ?? .all }
}

extension Console {
    /// Says on stderr when run ids have records in more than one `--logs` file: joined by default,
    /// which doubles runs when shards reuse ids, so the warning names the flag that keeps them apart.
    static func noteSplitRuns(_ summary: LogReadSummary, scope: RunScope) {
        let n = summary.runsSplitAcrossFiles
        guard n > 0 else { return }
        let ids = n == 1 ? "1 run id has" : "\(n) run ids have"
        switch scope {
        case .all:
            err("warning: \(ids) records in more than one --logs file, joined into one run each; if each file's run ids are its own (shards whose ids restart), pass --run-scope file")
        case .file:
            err("note: \(ids) records in more than one --logs file, kept apart as runs of each file (--run-scope file)")
        }
    }
}
