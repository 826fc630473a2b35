import Foundation
import Testing

/// `regress-gate` on OpenTelemetry traces written by the Python SDK (fixtures/otlp/): the same
/// statistics and verdicts as on the same steps in the native format, and refusals that name the
/// file and the place.
@Suite("OTLP traces")
struct OTLPTracesTests {
    static let groups: [(name: String, files: [String])] = [
        ("combined", ["combined-1.otlp.jsonl", "combined-2.otlp.jsonl"]),
        ("openinference", ["openinference.json"]),
        ("genai", ["genai.pb"]),
        ("traceloop", ["traceloop.binpb"]),
        ("variants", ["variants.json"]),
    ]

    static func traces(_ group: String) -> [String] { groups.first { $0.name == group }!.files.map { fixture("otlp/\($0)") } }
    static func native(_ group: String) -> String { fixture("otlp/native/\(group).jsonl") }

    @Test(arguments: groups.map(\.name))
    func statsOnTracesEqualStatsOnTheNativeSteps(group: String) throws {
        let onTraces = try gate(["stats", "--format", "json", "--logs"] + Self.traces(group))
        let onNative = try gate(["stats", "--format", "json", "--logs", Self.native(group)])
        #expect(onTraces.status == 0 && onNative.status == 0, "\(onTraces.stderr)")
        let t = try json(onTraces.stdout), n = try json(onNative.stdout)
        #expect(NSDictionary(dictionary: ["v": t["versions"]!]) == NSDictionary(dictionary: ["v": n["versions"]!]))
        #expect((t["input"] as! [String: Any])["records"] as? Int == (n["input"] as! [String: Any])["records"] as? Int)
        // The text report too, but for the line naming the files read.
        func table(_ logs: [String]) throws -> [String] { try gate(["stats", "--logs"] + logs).stdout.components(separatedBy: "\n").filter { !$0.hasPrefix("read ") } }
        #expect(try table(Self.traces(group)) == (try table([Self.native(group)])))
    }

    @Test(arguments: ["combined", "genai", "traceloop", "variants"])
    func theVerdictOnTracesIsTheVerdictOnTheNativeSteps(group: String) throws {
        let dir = temporaryDirectory()
        for (name, logs) in [("traces", Self.traces(group)), ("native", [Self.native(group)])] {
            let update = try gate(["baseline", "update", "--version", "v2", "--baseline", "\(name).json", "--logs"] + logs, in: dir)
            #expect(update.status == 0, "\(update.stderr)")
        }
        for policy in ["thresholds", "statistical"] {
            var verdicts: [String] = []
            var statuses: [Int32] = []
            // Each baseline against each candidate's logs: all four must agree.
            for baseline in ["traces.json", "native.json"] {
                for logs in [Self.traces(group), [Self.native(group)]] {
                    let run = try gate(["check", "--baseline", baseline, "--candidate", "v3", "--policy", policy, "--format", "json", "--logs"] + logs, in: dir)
                    let report = try json(run.stdout)
                    verdicts.append(report["verdict"] as? String ?? "?")
                    statuses.append(run.status)
                }
            }
            #expect(Set(verdicts).count == 1 && Set(statuses).count == 1, "\(group) \(policy): \(verdicts) \(statuses)")
        }
    }

    @Test(arguments: [["analyze"], ["trend"], ["compare", "--a", "v2", "--b", "v3"], ["alert"], ["dashboard", "--format", "json"],
                      ["candidates", "--output", "c.jsonl"]])
    func everyCommandThatReadsLogsReadsTracesAsTheNativeSteps(command: [String]) throws {
        let dir = temporaryDirectory()
        // The output but for the lines naming the files read and counting their lines.
        func output(_ logs: [String]) throws -> [String] {
            let run = try gate(command + ["--logs"] + logs, in: dir)
            #expect(run.status == 0 || run.status == 1, "\(command): \(run.stderr)")
            return (run.stdout + run.stderr).components(separatedBy: "\n").filter { line in
                !logs.contains { line.contains($0) } && !line.contains("\"lines\"")
            }
        }
        #expect(try output(Self.traces("genai")) == (try output([Self.native("genai")])), "\(command)")
    }

    @Test(arguments: [
        ("console-exporter.json", ":1:1: not OTLP: a span as the OpenTelemetry Python SDK's ConsoleSpanExporter prints it"),
        ("truncated.pb", ":1: at byte 1 (request 1): truncated protobuf"),
        ("length-past-end.binpb", ":2: at byte "),
        ("end-before-start.otlp.jsonl", ":2:568: span 9a69bc6bf5038f41 ends (1794321600004999999 ns) before it starts"),
        ("empty-trace-id.otlp.jsonl", ":1:579: a span's traceId is empty"),
        ("no-version.otlp.jsonl", ":1: trace "),
    ])
    func brokenTraceFilesExitTwoNamingTheFileAndThePlace(name: String, message: String) throws {
        let path = fixture("otlp/bad/\(name)")
        let run = try gate(["stats", "--logs", path])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains(path + message), "\(run.stderr)")
    }
}
