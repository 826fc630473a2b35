import Foundation

/// Why the recorder could not append to its log file.
public struct RecordLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The log file, as given.
    public var path: String
    /// What went wrong, from the operating system.
    public var reason: String

    /// The error as one line: the log file and the reason.
    public var description: String {
        "cannot append to log file '\(path)': \(reason); the records are still in memory (Recorder.records)"
    }
}

/// Appends whole lines to a JSONL file that other threads, tasks and processes append to too.
///
/// The file is opened with `O_APPEND`, and each line, newline included, goes out in one
/// `write(2)`: the kernel places every such write at the end of the file as one piece, so lines
/// from different writers never interleave and none is lost. Callers in one process serialize
/// their calls (the `Recorder` holds its lock), so their lines keep their order too.
final class JSONLAppender: Sendable {
    /// The file, as given.
    let path: String
    private let descriptor: Int32

    /// Opens `path` for appending, creating it (mode 0644) and its missing parent directories.
    init(path: String) throws(RecordLogError) {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RecordLogError(path: path, reason: "cannot create directory '\(directory)'")
        }
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw RecordLogError(path: path, reason: "it is a directory, not a file")
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RecordLogError(path: path, reason: String(cString: strerror(errno))) }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Appends `line` and a newline in one write.
    func append(_ line: String) throws(RecordLogError) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        // One write for the whole line; a second is made only if the kernel took part of it
        // (a full disk, a file size limit), which leaves the file damaged whatever we do.
        if let reason = AtomicFile.writeAll(descriptor, bytes) { throw RecordLogError(path: path, reason: reason) }
    }
}
