/// Which file each run id was first seen in, for a read of several files record by record: counts
/// the run ids whose records span files, and under `RunScope.file` gives a later file's reuse of
/// an id a name of its own.
struct RunFiles {
    var scope: RunScope
    /// The first file (0-based) of each run id, by version.
    private var firstFile: [String: [String: Int]] = [:]
    /// Version and run id of every run with records in more than one file.
    private(set) var split = Set<[String]>()

    init(scope: RunScope) { self.scope = scope }

    /// The run id `record` belongs to, read from file `index` named `source`: its own, unless the
    /// scope is `.file` and an earlier file used the id, then the id followed by the file's name
    /// ("r17 (logs/b.jsonl)"), which the reports show escaped like any other id.
    mutating func runID(of record: StepRecord, file index: Int, source: String) -> String {
        let id = record.runID, version = record.promptVersion
        guard let first = firstFile[version]?[id] else {
            firstFile[version, default: [:]][id] = index
            return id
        }
        guard first != index else { return id }
        split.insert([version, id])
        return scope == .file ? "\(id) (\(source))" : id
    }
}
