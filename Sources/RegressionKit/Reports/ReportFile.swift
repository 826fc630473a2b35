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
}
