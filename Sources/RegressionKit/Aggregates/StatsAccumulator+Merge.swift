/// Accumulators merge: the statistics of two pieces of a log, read separately (on two threads,
/// say), merged in file order, equal the statistics of the whole log read at once.
extension StatsAccumulator: LogAccumulator {
    mutating func take(_ raw: RawStepRecord) { add(raw) }

    /// Puts every version's held-back run updates in its run table (see `RunBatch`).
    mutating func flush() {
        for v in versions.indices where !versions[v].batch.isEmpty { versions[v].flushRuns() }
    }

    /// Adds `later`, the accumulation of records that come after this one's.
    mutating func merge(_ later: StatsAccumulator) {
        _ = mergeFile(later, keepingRunsApart: nil)
    }

    /// Adds `later`, a later file's accumulation; returns the runs both hold (see `LogAccumulator`).
    mutating func mergeFile(_ later: StatsAccumulator, keepingRunsApart tag: [UInt8]?) -> [[UInt8]] {
        var shared: [[UInt8]] = []
        for (k, bytes) in later.versionNames.names.enumerated() {
            let v = versionIndex(bytes)
            recordCounts_[v] += later.recordCounts_[k]
            guard wanted[v] else { continue }
            versions[v].flushRuns()
            let runs = versions[v].runs.sharedKeys(with: later.versions[k].runs)
            shared += runs.map { Array(bytes) + [0] + $0 }
            versions[v].merge(later.versions[k], keepingRunsApart: runs.isEmpty ? nil : tag)
        }
        return shared
    }
}

extension VersionAccumulator {
    /// Adds `later`: steps and cases are matched by name, runs that span both pieces are joined
    /// (the earlier piece's case key wins, as the run's first record would).
    /// With a `tag`, a run of `later` whose id this accumulator also holds is kept apart, as
    /// that id followed by `tag` (see `RunScope.file`).
    mutating func merge(_ later: VersionAccumulator, keepingRunsApart tag: [UInt8]? = nil) {
        if !later.batch.isEmpty {   // the reader flushes each piece it reads: this copy is for other callers
            var flushed = later
            flushed.flushRuns()
            return merge(flushed, keepingRunsApart: tag)
        }
        flushRuns()
        totalSteps += later.totalSteps
        failedSteps += later.failedSteps
        let stepMap = later.stepNames.names.enumerated().map { k, bytes in
            let i = stepNames.firstIndex(of: bytes) ?? addStep(bytes)
            steps[i].total += later.steps[k].total
            steps[i].failed += later.steps[k].failed
            steps[i].errorTypes.merge(later.steps[k].errorTypes, uniquingKeysWith: +)
            steps[i].latency.merge(later.steps[k].latency)
            steps[i].tokens.merge(later.steps[k].tokens)
            return i
        }
        for (k, i) in stepMap.enumerated() {
            for (m, name) in later.modelNames.names.enumerated() {
                let use = later.modelUse(step: k, model: m)
                guard use.records > 0 else { continue }
                let mine = modelNames.index(of: name)
                self.use(step: i, model: mine, tokens: nil)
                modelUse[i * modelSlots + mine].records += use.records - 1
                modelUse[i * modelSlots + mine].tokens += use.tokens
            }
        }
        let caseMap = later.caseKeys.map { key -> Int32 in
            var key = key
            return key.withUTF8 { caseNumber($0) }
        }
        // Both pieces nearly always number their steps alike (the same pipeline, logged in the same
        // order): then a run's step bits carry over as they are.
        let sameSteps = stepMap.indices.allSatisfy { stepMap[$0] == $0 }
        var overflow = self.overflow   // moved out while `runs` changes: `mark` adds to it
        self.overflow = []
        func combine(_ merged: inout RunState, _ run: RunState) {
            if sameSteps, run.overflow < 0 {
                merged.reached |= run.reached
                merged.failed |= run.failed
            } else {
                later.forEachStep(of: run) { i, failed in Self.mark(&merged, step: stepMap[i], failed: failed, overflow: &overflow) }
            }
            if merged.caseIndex < 0, run.caseIndex >= 0 { merged.caseIndex = caseMap[Int(run.caseIndex)] }
        }
        if let tag { runs.merge(later.runs, keepingApart: tag, combine) } else { runs.merge(later.runs, combine) }
        self.overflow = overflow
        timestamps.merge(later.timestamps)
    }
}
