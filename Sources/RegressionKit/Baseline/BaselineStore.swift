import Foundation

/// Loads and saves baseline snapshot files.
public enum BaselineStore {
    /// The default baseline path, relative to the working directory.
    public static let defaultPath = "baselines/baseline.json"

    /// Reads and validates the baseline at `path`.
    ///
    /// Fails closed: a missing, unreadable, non-JSON or inconsistent file, or an unknown
    /// schema version, is a `BaselineError` that names the file and what to do.
    public static func load(_ path: String) throws(BaselineError) -> BaselineSnapshot {
        try BaselineSnapshot(jsonBytes: try read(path), path: path)
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
    public static func save(_ snapshot: BaselineSnapshot, to path: String) throws(BaselineError) {
        do throws(AtomicFile.Failure) {
            try AtomicFile.write(snapshot.jsonText(), to: path)
        } catch {
            throw .writeFailed(path: path, reason: error.reason)
        }
    }
}
