import Foundation

/// Writes report files atomically (temporary file, then rename). A report's folder is created when
/// the folder above it exists (`gate/` of `gate/gate.json` in a fresh checkout); a deeper gap is an
/// error naming the highest missing folder, so a typo does not make a tree of folders. Through a
/// symbolic link, the link's target is replaced and the link stays.
package enum ReportFile {
    /// Why a report file could not be written.
    package struct WriteError: Error, Sendable, CustomStringConvertible {
        /// The reason, from the operating system.
        package var description: String
    }

    /// Replaces `path` (or the file it links to) with `text`, whole or not at all, and returns
    /// the path of the file replaced: `path`, or its link's target.
    @discardableResult
    package static func write(_ text: String, to path: String, missingDirectories: MissingDirectories = .createLast) throws(WriteError) -> String {
        do throws(AtomicFile.Failure) {
            return try AtomicFile.write(text, to: path, missingDirectories: missingDirectories)
        } catch {
            throw WriteError(description: error.reason)
        }
    }

    /// Appends `text` to `path` (created when missing) in one write: for files several steps add
    /// to, like GitHub's step summary.
    static func append(_ text: String, to path: String) throws(WriteError) {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw WriteError(description: "it is a directory, not a file") }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { throw WriteError(description: String(cString: strerror(errno))) }
        defer { close(fd) }
        if let reason = AtomicFile.writeAll(fd, Array(text.utf8)) { throw WriteError(description: reason) }
    }
}
