import Foundation

/// Loads and saves baseline snapshot files.
public enum BaselineStore {
    /// The default baseline path, relative to the working directory.
    package static let defaultPath = "baselines/baseline.json"

    /// Reads and validates the baseline at `path`.
    ///
    /// Fails closed: a missing, unreadable, non-JSON or inconsistent file, or an unknown
    /// schema version, is a `BaselineError` that names the file and what to do.
    public static func load(_ path: String) throws(BaselineError) -> BaselineSnapshot {
        try BaselineSnapshot(jsonBytes: try read(path), path: path)
    }

    /// A read error without its advice, for a write that did not read back.
    private static func problem(_ error: BaselineError) -> String {
        switch error {
        case .invalid(_, let field, let message): return "\(field): \(message)"
        case .malformed(_, let line, let column, let message): return "\(line):\(column): \(message)"
        default: return "\(error)"
        }
    }

    /// The bytes of the baseline at `path`, not yet decoded: a missing or unreadable file is a
    /// `BaselineError` now.
    static func read(_ path: String) throws(BaselineError) -> [UInt8] {
        do throws(AtomicFile.Failure) {
            return try AtomicFile.read(path)
        } catch {
            if error.isMissing { throw .missing(path: path) }
            throw .unreadable(path: path, reason: error.reason)
        }
    }

    /// Writes `snapshot` to `path` atomically: on any failure the previous file is untouched.
    ///
    /// The bytes written are read back and decoded, before they replace anything, by the reader
    /// `load` uses, and must give `snapshot` again: a file `check` would refuse is never written.
    /// (`make` refuses, naming the record, the values a baseline cannot hold.)
    ///
    /// When `path` is a symbolic link, the link's target is replaced (in its own folder) and the
    /// link stays; the path of the file replaced is returned. A missing folder is
    /// `BaselineError.missingDirectory` unless `missingDirectories` allows creating it.
    @discardableResult
    public static func save(_ snapshot: BaselineSnapshot, to path: String,
                            missingDirectories: MissingDirectories = .refuse) throws(BaselineError) -> String {
        do throws(AtomicFile.Failure) {
            return try AtomicFile.write(snapshot.jsonText(), to: path, missingDirectories: missingDirectories) { bytes throws(AtomicFile.Failure) in
                let read: BaselineSnapshot
                do throws(BaselineError) {
                    read = try BaselineSnapshot(jsonBytes: bytes, path: path)
                } catch {
                    throw AtomicFile.Failure(reason: "what was written would not read back (\(Self.problem(error)))")
                }
                guard read == snapshot else { throw AtomicFile.Failure(reason: "what was written reads back as other statistics") }
            }
        } catch {
            if let directory = error.missingDirectory { throw .missingDirectory(path: path, directory: directory) }
            throw .writeFailed(path: path, reason: error.reason)
        }
    }
}
