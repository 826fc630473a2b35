import Foundation

/// How `expectNoRegression` records and finds baselines within a scope: set with
/// `withRegressionBaselines(record:directory:)` or the `.regressionBaselines(record:directory:)` trait.
struct RegressionBaselinesConfiguration: Sendable {
    /// The configuration in force in this task; inner scopes override outer ones field by field.
    @TaskLocal static var current: RegressionBaselinesConfiguration?

    /// The record mode, or nil to leave it to `REGRESSION_RECORD` and `CI`.
    var record: BaselineRecordMode?
    /// Where named baselines live (absolute, or relative to the package root), or nil for `baselines`.
    var directory: String?
    /// The environment that `REGRESSION_RECORD` and `CI` are read from; nil for the process's (tests set it).
    var environment: [String: String]?

    /// Creates a configuration.
    init(record: BaselineRecordMode? = nil, directory: String? = nil) {
        self.record = record
        self.directory = directory
    }

    /// `self`, with the fields `inner` sets replacing these.
    func overlaid(by inner: RegressionBaselinesConfiguration) -> RegressionBaselinesConfiguration {
        var merged = self
        merged.record = inner.record ?? record
        merged.directory = inner.directory ?? directory
        merged.environment = inner.environment ?? environment
        return merged
    }

    static func scoped(_ configuration: RegressionBaselinesConfiguration) -> RegressionBaselinesConfiguration {
        (current ?? RegressionBaselinesConfiguration()).overlaid(by: configuration)
    }
}

/// Runs `operation` with a record mode or baseline directory for every `expectNoRegression` in it.
///
/// For XCTest, wrap a test, or every test of a case:
/// ```swift
/// final class RAGTests: XCTestCase {
///     override func invokeTest() {
///         withRegressionBaselines(record: .failed) { super.invokeTest() }
///     }
/// }
/// ```
/// (With Swift Testing, the `.regressionBaselines(record:)` trait does the same.)
/// - Parameters:
///   - record: the record mode; nil keeps the enclosing scope's, else `REGRESSION_RECORD`, else
///     `never` when `CI` is set, else `missing`.
///   - directory: where baselines live, absolute or relative to the package root; nil keeps the
///     enclosing scope's, else `baselines`.
public func withRegressionBaselines<R>(
    record: BaselineRecordMode? = nil, directory: String? = nil, operation: () throws -> R
) rethrows -> R {
    try RegressionBaselinesConfiguration.$current.withValue(
        .scoped(RegressionBaselinesConfiguration(record: record, directory: directory)), operation: operation)
}

/// Runs the asynchronous `operation` with a record mode or baseline directory; see the synchronous overload.
public func withRegressionBaselines<R>(
    record: BaselineRecordMode? = nil, directory: String? = nil, operation: () async throws -> R
) async rethrows -> R {
    try await RegressionBaselinesConfiguration.$current.withValue(
        .scoped(RegressionBaselinesConfiguration(record: record, directory: directory)), operation: operation)
}
