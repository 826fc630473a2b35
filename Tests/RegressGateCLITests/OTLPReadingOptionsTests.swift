import Foundation
import Testing

/// How traces are read, as a user says it: from a pipe, in the format named, with their own
/// attributes for the version, case and step names, from flags or a mapping file.
@Suite("OTLP reading options")
struct OTLPReadingOptionsTests {
    func stats(_ arguments: [String], stdin: Data? = nil, in dir: URL? = nil) throws -> [String: Any] {
        let run = try gate(["stats", "--format", "json"] + arguments, stdin: stdin, in: dir)
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        return try json(run.stdout)
    }

    func versions(_ report: [String: Any]) -> NSArray { report["versions"] as! NSArray }

    @Test(arguments: ["openinference.json", "genai.pb", "traceloop.binpb", "variants.json", "combined-1.otlp.jsonl"])
    func tracesPipedInReadAsTheFile(name: String) throws {
        let path = fixture("otlp/\(name)")
        let piped = try stats(["--logs", "-"], stdin: try Data(contentsOf: URL(fileURLWithPath: path)))
        let read = try stats(["--logs", path])
        #expect(versions(piped) == versions(read))
        #expect(versions(read).count > 0)
    }

    @Test func aNativeLogPipedInIsStillReadAsOne() throws {
        let path = fixture("requests.jsonl")
        #expect(versions(try stats(["--logs", "-"], stdin: try Data(contentsOf: URL(fileURLWithPath: path)))) == versions(try stats(["--logs", path])))
    }

    @Test func aFormatNamedIsTheFormatRead() throws {
        let traces = fixture("otlp/openinference.json"), native = fixture("requests.jsonl")
        #expect(versions(try stats(["--logs", traces, "--log-format", "otlp"])) == versions(try stats(["--logs", traces])))
        #expect(versions(try stats(["--logs", native, "--log-format", "ancestor"])) == versions(try stats(["--logs", native])))

        let notTraces = try gate(["stats", "--logs", native, "--log-format", "otlp"])
        #expect(notTraces.status == 2)
        #expect(notTraces.stderr.contains("\(native):1:1: not OTLP"), "\(notTraces.stderr)")
        let notNative = try gate(["stats", "--logs", fixture("otlp/combined-1.otlp.jsonl"), "--log-format", "failure-forensics"])
        #expect(notNative.status == 2)
        #expect(notNative.stderr.contains("combined-1.otlp.jsonl:1:"), "\(notNative.stderr)")
        let unknown = try gate(["stats", "--logs", native, "--log-format", "csv"])
        #expect(unknown.status == 2)
    }

    /// Each step's figures, by version and step name, with the step names left out.
    func stepTotals(_ report: [String: Any]) -> [String: [Int]] {
        var totals: [String: [Int]] = [:]
        for case let version as [String: Any] in versions(report) {
            let steps = (version["per_step"] as! [[String: Any]]).map { ($0["total"] as! Int, $0["failed"] as! Int) }
            totals[version["version"] as! String] = steps.map(\.0).sorted() + steps.map(\.1).sorted()
        }
        return totals
    }

    @Test func attributesNamedByFlagsGiveTheVersionAndTheStepNames() throws {
        let logs = ["--logs", fixture("otlp/combined-1.otlp.jsonl"), fixture("otlp/combined-2.otlp.jsonl")]
        let byDefault = try stats(logs)
        let runs = versions(byDefault).map { ($0 as! [String: Any])["runs"] as! Int }.reduce(0, +)

        // Every trace's resource says deployment.environment = ci: one version, all the runs.
        let byEnvironment = try stats(logs + ["--version-attribute", "resource.deployment.environment"])
        #expect(versions(byEnvironment).map { ($0 as! [String: Any])["version"] as! String } == ["ci"])
        #expect((versions(byEnvironment)[0] as! [String: Any])["runs"] as? Int == runs)

        // Steps named by their OpenInference span kind: other names, the same figures.
        let byKind = try stats(logs + ["--step-attribute", "openinference.span.kind"])
        let names = Set(versions(byKind).flatMap { (($0 as! [String: Any])["per_step"] as! [[String: Any]]).map { $0["step"] as! String } })
        #expect(names.contains("RETRIEVER") && !names.contains("retrieval"), "\(names)")
        #expect(stepTotals(byKind) == stepTotals(byDefault))
    }

    @Test func aMappingFileReadsAsTheFlagsAndRefusesWhatItDoesNotKnow() throws {
        let dir = temporaryDirectory()
        let logs = ["--logs", fixture("otlp/combined-1.otlp.jsonl")]
        try Data(#"{"version": ["root.nothing", "resource.deployment.environment"], "step": "openinference.span.kind"}"#.utf8)
            .write(to: dir.appendingPathComponent("mapping.json"))
        let fromFile = try stats(logs + ["--trace-mapping", "mapping.json"], in: dir)
        let fromFlags = try stats(logs + ["--version-attribute", "resource.deployment.environment", "--step-attribute", "openinference.span.kind"], in: dir)
        #expect(versions(fromFile) == versions(fromFlags))

        try Data(#"{"versoin": "resource.service.version"}"#.utf8).write(to: dir.appendingPathComponent("typo.json"))
        let typo = try gate(["stats"] + logs + ["--trace-mapping", "typo.json"], in: dir)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("typo.json: unknown member 'versoin'"), "\(typo.stderr)")

        let missing = try gate(["stats"] + logs + ["--trace-mapping", "absent.json"], in: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("absent.json"), "\(missing.stderr)")
    }

    @Test func aTraceWithoutTheVersionNamedIsABadRecordNamingTheKeyTried() throws {
        let path = fixture("otlp/combined-1.otlp.jsonl")
        let run = try gate(["stats", "--logs", path, "--version-attribute", "app.release"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("has no version: none of root app.release, any span's app.release is set"), "\(run.stderr)")
        #expect(run.stderr.contains("--version-attribute KEY"), "\(run.stderr)")
        let tolerated = try gate(["stats", "--logs", path, "--version-attribute", "app.release", "--max-bad-lines", "1000"])
        #expect(tolerated.status == 2)   // nothing left to read: no records at all
    }
}

/// `stats --explain-mapping`: how traces were read, before a user gates on them.
@Suite("Explain mapping")
struct ExplainMappingTests {
    @Test func eachVersionSaysWhichRuleGaveItAndHowManyTracesUsedEachRule() throws {
        let logs = [fixture("otlp/combined-1.otlp.jsonl"), fixture("otlp/combined-2.otlp.jsonl"), fixture("otlp/traceloop.binpb"),
                    fixture("otlp/bad/no-version.otlp.jsonl"), fixture("requests.jsonl")]
        let run = try gate(["stats", "--explain-mapping", "--format", "json", "--logs"] + logs)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try json(run.stdout)
        let versions = report["versions"] as! [[String: Any]]
        // Each version's traces are the runs stats counts for it on the same trace files.
        let stats = try json(try gate(["stats", "--format", "json", "--logs"] + logs.filter { $0.contains("/otlp/") && !$0.contains("/bad/") }).stdout)
        let runs = Dictionary(uniqueKeysWithValues: (stats["versions"] as! [[String: Any]]).map { ($0["version"] as! String, $0["runs"] as! Int) })
        #expect(Dictionary(uniqueKeysWithValues: versions.map { ($0["version"] as! String, $0["traces"] as! Int) }) == runs)
        for v in versions {
            let traces = v["traces"] as! Int
            for key in ["version_from", "case_from", "input_from"] {
                #expect((v[key] as! [[String: Any]]).map { $0["traces"] as! Int }.reduce(0, +) == traces, "\(key)")
            }
        }
        // The combined files carry service.version; the Traceloop ones the association property.
        let rules = Set(versions.flatMap { ($0["version_from"] as! [[String: Any]]).map { $0["rule"] as! String } })
        #expect(rules == ["resource service.version", "root traceloop.association.properties.prompt_version"], "\(rules)")
        #expect(report["traces_without_version"] as? Int == 1)
        #expect(report["other_files"] as? [String] == [fixture("requests.jsonl")])
    }

    @Test func theTextNamesTheRulesAndAStepAttributeWhenOneIsGiven() throws {
        let run = try gate(["stats", "--explain-mapping", "--logs", fixture("otlp/combined-1.otlp.jsonl"), "--step-attribute", "openinference.span.kind"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  step: the step's openinference.span.kind\n"), "\(run.stdout)")
        #expect(run.stdout.contains("  step names from: the step's openinference.span.kind ("), "\(run.stdout)")
        #expect(run.stdout.contains("  version from: resource service.version (10 traces)\n"), "\(run.stdout)")
    }
}

/// `convert`: the step records the gate derived from traces, as the native log.
@Suite("Convert")
struct ConvertCommandTests {
    @Test(arguments: OTLPTracesTests.groups.map(\.name))
    func convertedTracesReadBackWithTheSameStatistics(group: String) throws {
        let dir = temporaryDirectory()
        let convert = try gate(["convert", "--to", "ancestor", "--output", "steps.jsonl", "--logs"] + OTLPTracesTests.traces(group), in: dir)
        #expect(convert.status == 0, "\(convert.stderr)")
        #expect(convert.stderr.contains("wrote "), "\(convert.stderr)")
        let converted = try gate(["stats", "--format", "json", "--log-format", "failure-forensics", "--logs", "steps.jsonl"], in: dir)
        let traces = try gate(["stats", "--format", "json", "--logs"] + OTLPTracesTests.traces(group))
        #expect(converted.status == 0, "\(converted.stderr)")
        #expect((try json(converted.stdout)["versions"] as! NSArray) == (try json(traces.stdout)["versions"] as! NSArray))
    }

    @Test func brokenTracesWriteNothing() throws {
        let dir = temporaryDirectory()
        let run = try gate(["convert", "--output", "steps.jsonl", "--logs", fixture("otlp/bad/truncated.pb")], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("truncated.pb"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("steps.jsonl").path))
    }
}
