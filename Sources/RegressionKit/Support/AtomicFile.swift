import Foundation

/// Whole-file reads and crash-safe writes.
///
/// A write goes to a temporary file in the same directory, is flushed to disk (fsync), then
/// renamed over the target, and the directory is flushed: a reader, or a crash at any moment,
/// sees either the old file or the new one, whole, never a mix or a truncation.
enum AtomicFile {
    /// Why a file operation failed, in words (from `strerror`).
    struct Failure: Error, Sendable {
        var reason: String
        var isMissing = false
    }

    /// Reads a whole file.
    static func read(_ path: String) throws(Failure) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw Failure(reason: String(cString: strerror(errno)), isMissing: errno == ENOENT)
        }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw Failure(reason: "it is a directory, not a file") }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(reason: String(cString: strerror(errno)), isMissing: errno == ENOENT) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(reason: String(cString: strerror(errno)))
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: buffer[0..<n])
        }
    }

    /// Replaces `path` with `contents` atomically, creating missing parent directories.
    static func write(_ contents: String, to path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(reason: "cannot create directory '\(directory)': \(error.localizedDescription)")
        }
        removeStaleTemporaries(of: url.lastPathComponent, in: directory)
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        if let reason = writeAll(fd, Array(contents.utf8)) {
            close(fd)
            throw Failure(reason: reason)
        }
        guard fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Failure(reason: reason)
        }
        close(fd)
        guard rename(temporary, path) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        ok = true
        let dirFD = open(directory, O_RDONLY)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
    }

    /// Deletes temporary files an earlier writer of `name` left when it was killed mid-write:
    /// `.NAME.tmp-PID-RANDOM` whose process no longer exists. Those of live writers are kept.
    static func removeStaleTemporaries(of name: String, in directory: String) {
        let prefix = "." + name + ".tmp-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count).prefix { $0 != "-" }) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + entry) }
        }
    }

    /// Writes all of `bytes` to `fd`, in one `write(2)` unless the kernel takes only part (a full
    /// disk, a size limit), retrying on EINTR. Returns nil, or the reason it failed.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            written += n
        }
        return nil
    }
}
