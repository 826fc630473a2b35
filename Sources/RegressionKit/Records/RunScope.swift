/// Whether a run id names one run across every log file read, or only within its own file.
///
/// Run ids are compared byte for byte, as failure-forensics compares them, so two shards whose
/// ids are both `r0…r999` would merge into 1,000 runs of doubled length. A read counts the run
/// ids that have records in more than one file (`LogReadSummary.runsSplitAcrossFiles`) either
/// way; with `.file`, each file's ids are its own and such runs stay apart.
public enum RunScope: String, Sendable, Equatable, CaseIterable {
    /// A run id names one run across all files: a run logged in two files is joined (the default).
    case all
    /// A run id names a run within its file: the same id in two files is two runs.
    case file

    /// The bytes appended to a run id of file `index` (0-based) that an earlier file also used,
    /// to keep the two runs apart: a 0xFF byte, which no UTF-8 text holds, then the file number.
    static func apartTag(file index: Int) -> [UInt8] { [0xFF] + Array(String(index + 1).utf8) }
}
