import Foundation

/// An engine's GROUP BY result (`AggregatesQuery`'s table), read from a file: the same values the
/// log reader gathers (`VersionStats`, daily rates, first failures), per version, so that a
/// command only chooses where its aggregates come from.
///
/// Fails closed: a file the query did not make (a missing column, another query version or
/// latency sketch), a negative or non-integer count, an unknown row kind, or counts that do not
/// add up throws `AggregatesFileError` naming the row and column.
package struct EngineAggregates: Sendable {
    /// One version's values.
    package struct Version: Sendable {
        package var stats: VersionStats
        var daily = DailyFailureRates()
        var stepDaily: [String: DailyFailureRates] = [:]
        var firstFailures = FirstFailureTally()
        /// Failed runs by first failed step and error type as written (nil: none), for categories.
        var firstFailureCauses: [FirstFailure: Int] = [:]
        /// Failing inputs of first failures: (input, step, error type) with runs and first/last seen.
        var failingInputs: [FailingInput] = []
    }

    /// A run's first failure: the step and its error type (nil when the record named none).
    struct FirstFailure: Sendable, Hashable {
        var step: String
        var errorType: String?
    }

    /// Failed runs whose first failed step had `input`, at `step` with `errorType`.
    struct FailingInput: Sendable, Equatable {
        var input: String
        var step: String
        var errorType: String?
        var runs: Int
        var firstSeen: String?
        var lastSeen: String?
    }

    /// The file as given.
    package var path: String
    /// Versions in the order of their first timestamp (then by name).
    package var versions: [Version]
    /// Data rows read.
    package var rowCount: Int

    /// What a log read would say it saw: the file as the one source, its records.
    package var summary: LogReadSummary {
        var summary = LogReadSummary()
        summary.sources = [path]
        summary.lines = rowCount
        summary.records = versions.reduce(0) { $0 + $1.stats.totalSteps }
        return summary
    }

    /// The version named `name`, compared as bytes like every version.
    package func version(_ name: String) -> Version? {
        versions.first { Array($0.stats.version.utf8) == Array(name.utf8) }
    }

    /// `version`'s statistics, or `VersionNotFoundError` naming the versions the file holds.
    package func stats(of name: String) throws(VersionNotFoundError) -> VersionStats {
        guard let v = version(name), v.stats.totalSteps > 0 else {
            throw VersionNotFoundError(version: name, sources: [path], available: versions.map(\.stats.version))
        }
        return v.stats
    }

    /// Every version's statistics, as `StatsAccumulator.allStats()`.
    package var allStats: [VersionStats] { versions.map(\.stats) }

    /// Reads the file at `path`.
    package static func load(_ path: String) throws -> EngineAggregates {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw AggregatesFileError(path: path, message: exists ? (isDirectory.boolValue ? "it is a directory, not a file" : "cannot be read") : "no such file")
        }
        return try EngineAggregates(bytes: [UInt8](data), path: path)
    }

    /// Reads `bytes`, the file at `path`.
    package init(bytes: [UInt8], path: String) throws(AggregatesFileError) {
        var builder = Builder(path: path)
        var count = 0
        _ = try AggregateRows.read(bytes: bytes, path: path, header: { columns throws(AggregatesFileError) in
            // JSON lines leave null columns out, so only a CSV header must name every column; in
            // JSON every row must have the scheme's own columns (`AggregateRow` checks).
            let missing = AggregateTable.columns.map(\.name).filter { !columns.contains($0) }
            guard missing.isEmpty else {
                throw AggregatesFileError(path: path, column: missing[0], message: "the column \(missing[0]) is missing\(missing.count > 1 ? " (and \(missing.count - 1) more)" : ""): this is not the result of this version's aggregates query (version \(AggregateTable.queryVersion)); run the query the tool prints now and export its result again")
            }
        }, row: { values throws(AggregatesFileError) in
            count += 1
            try builder.add(AggregateRow(values: values, number: count, path: path))
        })
        self.path = path
        self.rowCount = count
        self.versions = try builder.finish()
    }
}

/// One row, with typed, checked access to its columns.
struct AggregateRow {
    var values: [String: String]
    var number: Int
    var path: String
    var kind: AggregateTable.Kind

    init(values: [String: String], number: Int, path: String) throws(AggregatesFileError) {
        self.values = values
        self.number = number
        self.path = path
        self.kind = .invalid
        let kindText = try text("kind")
        guard let kind = AggregateTable.Kind(rawValue: kindText) else {
            throw error("kind", "unknown row kind '\(kindText)' (known: \(AggregateTable.Kind.allCases.map(\.rawValue).joined(separator: ", "))): a file from another version of the query; export the result of this version's query")
        }
        self.kind = kind
        let version = try integer("query_version")
        guard version == AggregateTable.queryVersion else {
            throw error("query_version", "made by version \(version) of the aggregates query; this tool reads version \(AggregateTable.queryVersion): run the query it prints and export its result again")
        }
        for (column, expected) in [("sketch_relative_accuracy", AggregateTable.sketchRelativeAccuracy), ("sketch_min_indexable_ms", AggregateTable.sketchMinIndexableMS)] {
            let value = try double(column)
            guard value == expected else {
                throw error(column, "latency buckets of another sketch (\(column) \(value), the gate's is \(expected)): they cannot be read as the gate's; run the query this tool prints")
            }
        }
    }

    func error(_ column: String?, _ message: String) -> AggregatesFileError {
        AggregatesFileError(path: path, row: number, column: column, message: message)
    }

    func optionalText(_ column: String) -> String? { values[column] }

    func text(_ column: String) throws(AggregatesFileError) -> String {
        guard let value = values[column] else { throw error(column, "empty (null) in a \(kind.rawValue) row, which needs it") }
        return value
    }

    /// A count: a whole number, 0 or more.
    func count(_ column: String) throws(AggregatesFileError) -> Int {
        let n = try integer(column)
        guard n >= 0 else { throw error(column, "a negative count (\(n)); counts are 0 or more: the file is damaged, export it again") }
        return n
    }

    func integer(_ column: String) throws(AggregatesFileError) -> Int {
        let text = try text(column)
        if let n = Int(text) { return n }
        if let d = Double(text), d.isFinite, d == d.rounded(), abs(d) < 9e15 { return Int(d) }   // 12.0
        throw error(column, "'\(text.prefix(40))' is not a whole number")
    }

    func double(_ column: String) throws(AggregatesFileError) -> Double {
        let text = try text(column)
        guard let d = Double(text), d.isFinite else { throw error(column, "'\(text.prefix(40))' is not a finite number") }
        return d
    }

    func optionalDouble(_ column: String) throws(AggregatesFileError) -> Double? {
        values[column] == nil ? nil : try double(column)
    }
}
