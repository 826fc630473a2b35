import Foundation

/// Writes report files atomically (temporary file, then rename), creating missing directories.
public enum ReportFile {
    /// Why a report file could not be written.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        /// The reason, from the operating system.
        public var description: String
    }

    /// Replaces `path` with `text`, whole or not at all.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        do throws(AtomicFile.Failure) {
            try AtomicFile.write(text, to: path)
        } catch {
            throw WriteError(description: error.reason)
        }
    }

    /// Appends `text` to `path` (created when missing) in one write: for files several steps add
    /// to, like GitHub's step summary.
    public static func append(_ text: String, to path: String) throws(WriteError) {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw WriteError(description: "it is a directory, not a file") }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { throw WriteError(description: String(cString: strerror(errno))) }
        defer { close(fd) }
        if let reason = AtomicFile.writeAll(fd, Array(text.utf8)) { throw WriteError(description: reason) }
    }
}
