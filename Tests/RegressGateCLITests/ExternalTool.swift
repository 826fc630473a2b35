import Foundation

/// Tools outside the Swift toolchain that some tests need (python modules, chromium, script).
///
/// Such a test runs when `CI` is set (and then fails if the tool is missing: `.ci/run`
/// installs them) or when the tool is present; otherwise it is skipped with a note, so
/// `swift test` passes on a fresh machine with only Swift.
enum ExternalTool {
    static let isCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

    /// The first of `names` found on PATH.
    static func find(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for dir in path.split(separator: ":") {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Whether `python3` can import `module`.
    static func hasPython(_ module: String) -> Bool {
        guard let python = find(["python3"]), let run = try? self.run(python, ["-c", "import \(module)"]) else { return false }
        return run.status == 0
    }

    static let chromium = find(["chromium", "chromium-browser", "google-chrome"])
    static let script = find(["script"])

    /// Whether a test needing a tool should run: in CI always, elsewhere when it is there.
    static func wanted(_ present: @autoclosure () -> Bool) -> Bool { isCI || present() }

    /// Runs `executable` with `arguments`, stdin empty; output captured through files.
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> ToolRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("external-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return ToolRun(status: process.terminationStatus,
                       stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                       stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Runs one of the repository's python scripts (`scripts/NAME`).
    static func pythonScript(_ name: String, _ arguments: [String]) throws -> ToolRun {
        try run(find(["python3"]) ?? "/usr/bin/python3", [packageRoot.appendingPathComponent("scripts/\(name)").path] + arguments)
    }
}
