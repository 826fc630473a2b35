extension ForensicsAnalysis {
    /// The failed runs of `version`, in order of first appearance; every failed run when
    /// `version` is nil. What eval-set candidates are collected from.
    ///
    /// - Throws: `VersionNotFoundError`, naming `sources` and the versions they hold, when no run
    ///   has `version`: a misspelt version must not pass for one that never fails. A version
    ///   whose runs all passed has no failed runs, and that is no error.
    package func failedRuns(of version: String?, sources: [String]) throws(VersionNotFoundError) -> [RunAnalysis] {
        guard let version else { return failedRuns }
        guard categories(of: version) != nil else {
            throw VersionNotFoundError(version: version, sources: sources, available: versions.map(\.version))
        }
        return failedRuns.filter { $0.version == version }
    }
}
