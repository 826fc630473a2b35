import Foundation

/// When a named baseline is written instead of compared against: the record mode of
/// `expectNoRegression`.
///
/// A struct over a private enum, so a mode can come from text (`REGRESSION_RECORD=all`) and
/// new modes can be added without breaking anyone's `switch`:
/// ```swift
/// BaselineRecordMode(rawValue: "failed") == .failed
/// ```
public struct BaselineRecordMode: Sendable, Hashable, CustomStringConvertible {
    private enum Storage: String, Sendable, CaseIterable {
        case all, failed, missing, never
    }

    private let storage: Storage

    private init(_ storage: Storage) { self.storage = storage }

    /// The mode named `rawValue` (`all`, `failed`, `missing`, `never`; surrounding spaces and
    /// letter case ignored), or nil.
    public init?(rawValue: String) {
        let word = rawValue.trimmingCharacters(in: .whitespaces).lowercased()
        guard let storage = Storage(rawValue: word) else { return nil }
        self.storage = storage
    }

    /// `all`, `failed`, `missing` or `never`.
    public var rawValue: String { storage.rawValue }

    /// The mode's name, as `rawValue`.
    public var description: String { rawValue }

    /// Record every baseline, whatever the comparison says, and fail the test so that a recording
    /// run never passes silently.
    public static let all = BaselineRecordMode(.all)
    /// Re-record a baseline only when the comparison fails (and fail the test).
    public static let failed = BaselineRecordMode(.failed)
    /// Record a baseline that does not exist yet (and fail the test: "recorded, run again");
    /// compare against one that does. The default outside CI.
    public static let missing = BaselineRecordMode(.missing)
    /// Never write: a missing baseline fails the test. The default when `CI` is set.
    public static let never = BaselineRecordMode(.never)

    /// The names of every mode, for messages: `all, failed, missing, never`.
    static let names = Storage.allCases.map(\.rawValue)

    /// The environment variable that sets the mode for a whole test run: `REGRESSION_RECORD`.
    package static let environmentVariable = "REGRESSION_RECORD"
}

/// `REGRESSION_RECORD` holds something that is not a record mode.
package struct InvalidRecordModeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The value found.
    var value: String

    package var description: String {
        "\(BaselineRecordMode.environmentVariable)='\(value)' is not a record mode; use one of \(BaselineRecordMode.names.joined(separator: ", ")), or unset it"
    }
}

/// The record mode in force, and what chose it (messages say why a baseline was or was not written).
package struct RecordModeChoice: Sendable, Equatable {
    /// What chose the mode, from the strongest to the weakest.
    package enum Source: Sendable, Equatable {
        /// The `record:` argument of the assertion.
        case argument
        /// `withRegressionBaselines(record:)` or the `.regressionBaselines(record:)` trait.
        case scope
        /// The `REGRESSION_RECORD` environment variable.
        case environment
        /// `CI` is set and nothing else chose: `never`, so CI never records a baseline.
        case continuousIntegration
        /// Nothing chose: `missing`.
        case `default`
    }

    /// The mode.
    var mode: BaselineRecordMode
    /// What chose it.
    package var source: Source

    /// Creates a choice.
    init(mode: BaselineRecordMode, source: Source) {
        self.mode = mode
        self.source = source
    }

    /// Picks the mode: the argument, else the scope's, else `REGRESSION_RECORD`, else `never`
    /// when `CI` is set (to anything but empty, `0`, `false` or `no`), else `missing`.
    ///
    /// - Throws: `InvalidRecordModeError` when `REGRESSION_RECORD` is set to something else than a mode.
    package static func resolve(argument: BaselineRecordMode?, scoped: BaselineRecordMode?,
                               environment: [String: String]) throws(InvalidRecordModeError) -> RecordModeChoice {
        if let argument { return RecordModeChoice(mode: argument, source: .argument) }
        if let scoped { return RecordModeChoice(mode: scoped, source: .scope) }
        if let text = environment[BaselineRecordMode.environmentVariable], !text.isEmpty {
            guard let mode = BaselineRecordMode(rawValue: text) else { throw InvalidRecordModeError(value: text) }
            return RecordModeChoice(mode: mode, source: .environment)
        }
        if let ci = environment["CI"], !["", "0", "false", "no"].contains(ci.lowercased()) {
            return RecordModeChoice(mode: .never, source: .continuousIntegration)
        }
        return RecordModeChoice(mode: .missing, source: .default)
    }

    /// "record mode never: CI is set", for messages.
    var explanation: String {
        let why: String
        switch source {
        case .argument: why = "passed to expectNoRegression"
        case .scope: why = "set by withRegressionBaselines or .regressionBaselines"
        case .environment: why = "\(BaselineRecordMode.environmentVariable)=\(mode)"
        case .continuousIntegration: why = "CI is set"
        case .default: why = "the default"
        }
        return "record mode \(mode): \(why)"
    }
}
