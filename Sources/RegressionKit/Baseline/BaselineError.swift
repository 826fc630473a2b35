/// Why a baseline file could not be read or written. Every case names the file and what went
/// wrong; what to do is said in words, and a tool that writes baselines names its own command
/// (`description(creatingWith:)`): the library knows no command line.
public enum BaselineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No file at the path.
    case missing(path: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// Not valid JSON, at this line and column.
    case malformed(path: String, line: Int, column: Int, message: String)
    /// Valid JSON, but a field is missing, of the wrong type, or impossible (e.g. failed > total).
    case invalid(path: String, field: String, message: String)
    /// A `schema_version` this build does not read.
    case unsupportedSchema(path: String, found: Int)
    /// The new file could not be written; the old one, if any, is unchanged.
    case writeFailed(path: String, reason: String)
    /// The folder the new file goes in does not exist (`directory` is the highest missing one),
    /// and creating it was not asked for: nothing was written.
    case missingDirectory(path: String, directory: String)

    /// The error as one line: the file, what is wrong, and what to do.
    public var description: String { description(creatingWith: nil) }

    /// The message, naming `command` (a command line that writes a new baseline at `path`, quoted
    /// as the caller quotes commands) where the advice is to create the file or re-create it.
    ///
    /// ```swift
    /// BaselineError.missing(path: "b.json").description(creatingWith: "'make baseline'")
    /// // "baseline file 'b.json' does not exist; create it with 'make baseline'"
    /// ```
    package func description(creatingWith command: String?) -> String {
        let with = command.map { " with \($0)" } ?? ""
        switch self {
        case .missing(let path):
            return "baseline file '\(path)' does not exist; create it\(with)"
        case .unreadable(let path, let reason):
            return "cannot read baseline file '\(path)': \(reason)"
        case .malformed(let path, let line, let column, let message):
            return "\(path):\(line):\(column): baseline is not valid JSON: \(message); restore it from version control or re-create it\(with)"
        case .invalid(let path, let field, let message):
            return "\(path): \(field): \(message); the baseline is damaged or hand-edited: restore it from version control or re-create it\(with)"
        case .unsupportedSchema(let path, let found):
            let advice = found > BaselineSnapshot.schemaVersion
                ? "it was written by a newer regress-gate; upgrade regress-gate"
                : "re-create it\(with)"
            return "\(path): baseline schema_version \(found) is not supported (this regress-gate reads version \(BaselineSnapshot.schemaVersion)); \(advice)"
        case .writeFailed(let path, let reason):
            return "cannot write baseline file '\(path)': \(reason); the previous file, if any, is unchanged"
        case .missingDirectory(let path, let directory):
            return "cannot write baseline file '\(path)': the directory '\(directory)' does not exist; check the path for a typo, or create the directory"
        }
    }

    /// The baseline file's path.
    public var path: String {
        switch self {
        case .missing(let p), .unreadable(let p, _), .malformed(let p, _, _, _), .invalid(let p, _, _),
             .unsupportedSchema(let p, _), .writeFailed(let p, _), .missingDirectory(let p, _):
            return p
        }
    }
}
