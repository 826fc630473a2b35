import Foundation

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Absolute path of a file under `fixtures/`.
func fixture(_ path: String) -> String { packageRoot.appendingPathComponent("fixtures/\(path)").path }

/// The built `regress-gate` executable, beside the test bundle.
let toolURL: URL = {
    if let explicit = ProcessInfo.processInfo.environment["REGRESS_GATE_BIN"] { return URL(fileURLWithPath: explicit) }
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("regress-gate")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return packageRoot.appendingPathComponent(".build/debug/regress-gate")
}()

/// What a run of the tool did.
struct ToolRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `regress-gate` as a real process, with `stdin` as its standard input (empty when nil).
func gate(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil, environment: [String: String] = [:]) throws -> ToolRun {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gate-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err"), inURL = scratch.appendingPathComponent("in")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    FileManager.default.createFile(atPath: inURL.path, contents: stdin ?? Data())
    let process = Process()
    process.executableURL = toolURL
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? packageRoot
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "GITHUB_ACTIONS")
    env.merge(environment) { $1 }
    process.environment = env
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    process.standardInput = try FileHandle(forReadingFrom: inURL)
    try process.run()
    process.waitUntilExit()
    return ToolRun(status: process.terminationStatus,
                   stdout: try String(contentsOf: outURL, encoding: .utf8),
                   stderr: try String(contentsOf: errURL, encoding: .utf8))
}

/// A fresh temporary directory.
func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("regress-gate-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Parses JSON printed by the tool.
func json(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
}
