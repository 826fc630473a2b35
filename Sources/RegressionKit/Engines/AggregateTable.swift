import Foundation

/// The table `sql`'s query returns and `--aggregates` reads: the gate's sufficient statistics,
/// one long table whose rows are told apart by `kind` (see `schemas/aggregates.schema.json` and
/// the Engines article). Every row carries the query's version and the latency sketch's
/// parameters, so a file made by another version of the query, or with other buckets, is refused
/// rather than misread.
package enum AggregateTable {
    /// The version of the query and of this table's layout (2: the token sketch and the models).
    package static let queryVersion = 2
    /// The latency sketch's relative accuracy: the gate's own (`DDSketch`'s default).
    package static let sketchRelativeAccuracy = DDSketch().relativeAccuracy
    /// Latencies at or below this many ms count in the sketch's zero bucket.
    package static let sketchMinIndexableMS = DDSketch.minIndexable
    /// ln(gamma) of the sketch: a latency's bucket is ceil(ln(latency) / this).
    package static let sketchLogGamma = log((1 + sketchRelativeAccuracy) / (1 - sketchRelativeAccuracy))

    /// A column's type in the engines' terms.
    package enum ColumnType: String, Sendable { case text, integer, double }

    /// The columns, in order.
    package static let columns: [(name: String, type: ColumnType)] = [
        ("kind", .text), ("version", .text), ("step", .text), ("case_key", .text), ("input_summary", .text),
        ("day", .text), ("error_type", .text), ("model_name", .text), ("bucket", .integer),
        ("records", .integer), ("failed", .integer), ("runs", .integer), ("failed_runs", .integer), ("tokens", .integer),
        ("token_min", .integer), ("token_max", .integer),
        ("latency_min_ms", .double), ("latency_max_ms", .double), ("first_seen", .text), ("last_seen", .text), ("first_position", .integer),
        ("query_version", .integer), ("sketch_relative_accuracy", .double), ("sketch_min_indexable_ms", .double),
    ]

    /// What a row describes; each kind fills some columns and leaves the rest null.
    package enum Kind: String, Sendable, CaseIterable {
        /// Per version: step records and failed ones, runs and failed runs, first and last timestamp.
        case version
        /// Per version and step: records, failed records, runs reaching it, runs failing there,
        /// token sum, smallest and largest latency and token count, first timestamp and position
        /// (the step order).
        case step
        /// Per version, step and latency bucket: records in it.
        case latency
        /// Per version and step: records whose latency is in the sketch's zero bucket.
        case latencyZero = "latency_zero"
        /// Per version, step and token-count bucket (the latency sketch's buckets, over token
        /// counts above 0; 0 is unknown): records in it.
        case token
        /// Per version, step and model: records naming the model, and their tokens.
        case model
        /// Per version, step and error type: failed records.
        case error
        /// Per version and case: runs and failed runs.
        case `case`
        /// Per version, step and case: runs of the case reaching the step, and failing there.
        case stepCase = "step_case"
        /// Per version and day (null: undated): records and failed records.
        case day
        /// Per version, step and day: records and failed records.
        case stepDay = "step_day"
        /// Per version, first failed step and its error type (null when it named none): failed runs.
        case firstFailure = "first_failure"
        /// Per version, input of the first failed step, the step and its error type: failed runs,
        /// first and last seen.
        case failingInput = "failing_input"
        /// Rows lacking a required key (version, run id, step name, success): the file is refused.
        case invalid
    }
}
