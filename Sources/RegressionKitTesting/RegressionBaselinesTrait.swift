#if canImport(Testing)
import Testing

/// The trait behind `.regressionBaselines(record:directory:)`; reach it through that function.
public struct _RegressionBaselinesTrait: SuiteTrait, TestTrait, TestScoping {
    /// True: on a suite, the trait applies to every test in it.
    public let isRecursive = true
    let configuration: RegressionBaselinesConfiguration

    /// Runs `function` (the test) with the trait's record mode and baseline directory in force.
    public func provideScope(for test: Test, testCase: Test.Case?, performing function: () async throws -> Void) async throws {
        try await withRegressionBaselines(record: configuration.record, directory: configuration.directory) {
            try await function()
        }
    }
}

extension Trait where Self == _RegressionBaselinesTrait {
    /// Sets the record mode or baseline directory of `expectNoRegression` in a test or a suite.
    ///
    /// ```swift
    /// @Test(.regressionBaselines(record: .all))   // re-record this test's baselines, then remove the trait
    /// func ragPipelineDoesNotRegress() async { ... }
    /// ```
    /// - Parameters:
    ///   - record: the record mode; nil leaves it to `REGRESSION_RECORD` and `CI`.
    ///   - directory: where baselines live, absolute or relative to the package root.
    public static func regressionBaselines(record: BaselineRecordMode? = nil, directory: String? = nil) -> Self {
        _RegressionBaselinesTrait(configuration: RegressionBaselinesConfiguration(record: record, directory: directory))
    }
}
#endif
