import Foundation
import PackagePlugin

/// `swift package regress-gate <arguments>`: runs the `regress-gate` tool in the package's root
/// directory, passing its output through.
///
/// ```sh
/// swift package regress-gate check --baseline baselines/baseline.json --logs fixtures/requests.jsonl --candidate v3
/// swift package --allow-writing-to-package-directory regress-gate baseline update --logs logs.jsonl --version v2
/// ```
/// SwiftPM turns every plugin failure into exit status 1, so CI jobs that need the tool's exact
/// exit codes (1 regression, 2 input error) run the executable itself. The error says which it was.
@main
struct RegressGatePlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "regress-gate")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = arguments
        process.currentDirectoryURL = context.package.directoryURL
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // Pass the report through as it comes, keeping it to name the verdict.
        var report = Data()
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            FileHandle.standardOutput.write(chunk)
            if report.count < 1 << 24 { report.append(chunk) }
        }
        process.waitUntilExit()
        let status = process.terminationStatus
        guard status != 0 else { return }
        let writes = arguments.starts(with: ["baseline", "update"]) || arguments.contains("--output")
        throw ToolFailure(status: status, verdict: Self.verdict(in: report), writes: writes)
    }

    /// The verdict the report names: `"verdict"` of a JSON report, else the first word of a text
    /// report or a markdown heading's; nil when there is none (an input error, or `--output`).
    static func verdict(in report: Data) -> String? {
        let verdicts = ["REGRESSION_DETECTED", "WARNING", "INSUFFICIENT_DATA", "PASS"]
        if let object = try? JSONSerialization.jsonObject(with: report) as? [String: Any] {
            return (object["verdict"] as? String).flatMap { verdicts.contains($0) ? $0 : nil }
        }
        for line in String(decoding: report, as: UTF8.self).split(separator: "\n").prefix(5) {
            for verdict in verdicts where line.hasPrefix(verdict + ":") || (line.hasPrefix("#") && line.contains(" \(verdict):")) {
                return verdict
            }
        }
        return nil
    }
}

/// The tool exited non-zero: says what that means, since SwiftPM reports every failure as exit 1.
struct ToolFailure: Error, CustomStringConvertible {
    var status: Int32
    var verdict: String?
    /// Whether the command writes into the package (baseline update, --output).
    var writes: Bool

    var description: String {
        switch (status, verdict) {
        case (1, let verdict?):
            return "regress-gate: \(verdict) (the tool exited 1; SwiftPM reports every plugin failure as exit 1, so CI should run the regress-gate executable for exact exit codes)"
        case (2, _):
            let sandbox = writes ? "; if writing was not permitted, run 'swift package --allow-writing-to-package-directory regress-gate ...'" : ""
            return "regress-gate exited 2: usage or input error, nothing was judged (see the error above)\(sandbox)"
        default:
            return "regress-gate exited \(status)\(verdict.map { ": \($0)" } ?? "")"
        }
    }
}
