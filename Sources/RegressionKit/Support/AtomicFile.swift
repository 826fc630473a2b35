import Foundation

/// Whole-file reads and crash-safe writes.
///
/// A write goes to a temporary file in the same directory (the target's, through a symbolic
/// link), is flushed to disk (fsync), then renamed over the target, and the directory is
/// flushed: a reader, or a crash at any moment, sees either the old file or the new one, whole,
/// never a mix or a truncation.
enum AtomicFile {
    /// Why a file operation failed, in words (from `strerror`).
    struct Failure: Error, Sendable {
        var reason: String
        var isMissing = false
        /// The highest folder missing on the way to a file to write, when that was the trouble.
        var missingDirectory: String? = nil
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

    /// Replaces the file at `path` with `contents` atomically and returns the path of the file
    /// replaced: `path` itself, or, when `path` is a symbolic link, its target's (absolute), which
    /// is written through, in the target's own folder, as editors and git do; the link stays a link.
    ///
    /// A missing folder is handled as `missingDirectories` says. Before the rename, `verify` gets
    /// the bytes read back from the temporary file, as a later reader will see them; when it
    /// throws, nothing is replaced.
    @discardableResult
    static func write(_ contents: String, to path: String, missingDirectories: MissingDirectories,
                      verify: ([UInt8]) throws(Failure) -> Void = { _ in }) throws(Failure) -> String {
        let target = try resolvingLinks(path)
        let (directory, name) = split(target)
        guard !name.isEmpty, name != ".", name != ".." else { throw Failure(reason: "it names a directory, not a file") }
        try ensureDirectory(directory, missingDirectories)
        var existing = stat()
        let exists = stat(target, &existing) == 0
        if exists, (existing.st_mode & S_IFMT) == S_IFDIR { throw Failure(reason: "it is a directory, not a file") }
        removeStaleTemporaries(of: name, in: directory)
        let temporary = directory + "/." + name + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        if exists { _ = fchmod(fd, existing.st_mode & 0o777) }   // a replaced file keeps its permissions
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
        try verify(try read(temporary))
        guard rename(temporary, target) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        ok = true
        let dirFD = open(directory, O_RDONLY)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
        guard target != path else { return path }
        return (realpath(directory, nil).map { p in defer { free(p) }; return String(cString: p) } ?? directory) + "/" + name
    }

    /// `path` with every symbolic link in its last component followed (a link to a link, ...):
    /// the file a write should replace. A link to nothing yet gives its target, to be created.
    static func resolvingLinks(_ path: String) throws(Failure) -> String {
        var current = path
        for _ in 0..<40 {   // the kernel's own limit on links in a row (ELOOP)
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { throw Failure(reason: "cannot read the symbolic link '\(current)': \(String(cString: strerror(errno)))") }
            let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : split(current).directory + "/" + link
        }
        throw Failure(reason: "too many levels of symbolic links")
    }

    /// The folder part of `path` (`.` when there is none) and its last component.
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    /// Makes sure `directory` exists, creating it as `missing` allows; an error names the highest
    /// missing folder.
    static func ensureDirectory(_ directory: String, _ missing: MissingDirectories) throws(Failure) {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw Failure(reason: "'\(directory)' is not a directory") }
            return
        }
        guard errno == ENOENT else { throw Failure(reason: "cannot use the directory '\(directory)': \(String(cString: strerror(errno)))") }
        if missing.createsAll {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw Failure(reason: "cannot create directory '\(directory)': \(error.localizedDescription)")
            }
            return
        }
        var highest = directory   // the highest missing folder, named in the error
        while true {
            let parent = split(highest).directory
            guard parent != highest, stat(parent, &info) != 0, errno == ENOENT else { break }
            highest = parent
        }
        if missing.createsLast, highest == directory {
            guard mkdir(directory, 0o777) == 0 || errno == EEXIST else {
                throw Failure(reason: "cannot create directory '\(directory)': \(String(cString: strerror(errno)))")
            }
            return
        }
        let note = missing.createsLast ? " (only the last level, '\(directory)', is created)" : ""
        throw Failure(reason: "the directory '\(highest)' does not exist\(note)", missingDirectory: highest)
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
