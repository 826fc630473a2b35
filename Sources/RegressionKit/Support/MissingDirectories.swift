/// What writing a file does when the folder it goes in does not exist.
///
/// A typo in a path should not quietly make a folder: `baseline update --baseline baselnes/b.json`
/// would leave a baseline no `check` reads. So a baseline's folder must exist unless the caller
/// asks for it (`--create-dirs`, `.createLast`); reports and other outputs create the last level
/// (`gate/` in `--report json=gate/gate.json`), never more.
///
/// ```swift
/// try BaselineStore.save(snapshot, to: "baselines/v3.json", missingDirectories: .createLast)
/// ```
public struct MissingDirectories: Sendable, Hashable, CustomStringConvertible {
    private enum Mode: String { case refuse, createLast = "create-last", createAll = "create-all" }
    private let mode: Mode

    private init(_ mode: Mode) { self.mode = mode }

    /// A missing folder is an error naming it.
    public static let refuse = MissingDirectories(.refuse)
    /// The file's own folder is created when the folder above it exists; deeper gaps are an error
    /// naming the highest missing folder.
    public static let createLast = MissingDirectories(.createLast)
    /// Every missing folder is created (`mkdir -p`), as a test's recorded baselines need.
    public static let createAll = MissingDirectories(.createAll)

    /// `refuse`, `create-last` or `create-all`, e.g. from an environment variable; nil for anything else.
    init?(rawValue: String) {
        guard let mode = Mode(rawValue: rawValue) else { return nil }
        self.mode = mode
    }

    /// The name `init(rawValue:)` reads.
    var rawValue: String { mode.rawValue }
    /// The choice's name: `refuse`, `create-last` or `create-all`.
    public var description: String { rawValue }

    var createsLast: Bool { mode != .refuse }
    var createsAll: Bool { mode == .createAll }
}
