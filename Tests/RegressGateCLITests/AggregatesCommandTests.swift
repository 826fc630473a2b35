import Foundation
import Testing

/// `--aggregates` in place of `--logs`: the same verdict and baseline, and a damaged file exits 2
/// naming the file, the row and the column.
@Suite("Aggregates files")
struct AggregatesCommandTests {
    /// The fixture's aggregates as the query's CSV, made by DuckDB when its python module is
    /// installed (nil otherwise: the test is skipped, and scripts/engine-parity runs the engines).
    static func duckDBAggregates(in dir: URL) throws -> URL? {
        let venv = packageRoot.appendingPathComponent(".venv-engines/bin/python").path
        let python = [venv, ExternalTool.find(["python3"])].compactMap { $0 }.first { python in
            FileManager.default.isExecutableFile(atPath: python) && (try? ExternalTool.run(python, ["-c", "import duckdb"]).status) == 0
        }
        guard let python else { return nil }
        let sql = try gate(["sql", "--dialect", "duckdb", "--table", "logs", "--column", "case_id=NULL"])
        let query = sql.stdout.split(separator: "\n").filter { !$0.hasPrefix("-- ") }.joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: ";"))
        let out = dir.appendingPathComponent("agg.csv"), queryFile = dir.appendingPathComponent("agg.sql")
        try query.write(to: queryFile, atomically: true, encoding: .utf8)
        let script = """
        import duckdb, sys
        con = duckdb.connect()
        cols = {k: 'VARCHAR' for k in ['timestamp', 'run_id', 'step_name', 'input_summary', 'output_summary', 'error_type', 'prompt_version', 'model_name']}
        cols.update(success='BOOLEAN', latency_ms='DOUBLE', token_count='BIGINT')
        con.execute(f"CREATE TABLE logs AS SELECT * FROM read_json(?, format='newline_delimited', columns={cols!r})", [sys.argv[1]])
        con.execute(f"COPY ({open(sys.argv[3]).read()}) TO '{sys.argv[2]}' (HEADER)")
        """
        let made = try ExternalTool.run(python, ["-c", script, fixture("requests.jsonl"), out.path, queryFile.path])
        #expect(made.status == 0, "\(made.stderr)")
        return out
    }

    @Test func checkAndBaselineFromDuckDBsResultEqualTheLogs() throws {
        let dir = try workFolder()
        guard let agg = try Self.duckDBAggregates(in: dir) else { return }   // duckdb not installed: skipped
        _ = try gate(["baseline", "update", "--logs", fixture("requests.jsonl"), "--version", "v2", "--baseline", "a.json"], in: dir)
        _ = try gate(["baseline", "update", "--aggregates", agg.path, "--version", "v2", "--baseline", "b.json"], in: dir)
        var a = try json(String(contentsOf: dir.appendingPathComponent("a.json"), encoding: .utf8))
        var b = try json(String(contentsOf: dir.appendingPathComponent("b.json"), encoding: .utf8))
        for key in ["created_at", "source"] { a[key] = nil; b[key] = nil }
        // The provenance is the logs' but for the format read: the aggregates'.
        var pa = a["provenance"] as! [String: Any], pb = b["provenance"] as! [String: Any]
        #expect(pa["log_formats"] as? [String] == ["failure-forensics"] && pb["log_formats"] as? [String] == ["aggregates"])
        pa["log_formats"] = nil; pb["log_formats"] = nil
        a["provenance"] = pa; b["provenance"] = pb
        #expect(NSDictionary(dictionary: a) == NSDictionary(dictionary: b))
        let fromLogs = try gate(["check", "--logs", fixture("requests.jsonl"), "--candidate", "v3", "--baseline", "a.json", "--format", "json"], in: dir)
        let fromAgg = try gate(["check", "--aggregates", agg.path, "--candidate", "v3", "--baseline", "a.json", "--format", "json"], in: dir)
        #expect(fromLogs.status == 1 && fromAgg.status == 1)
        var x = try json(fromLogs.stdout), y = try json(fromAgg.stdout)
        x["input"] = nil; y["input"] = nil
        #expect(NSDictionary(dictionary: x) == NSDictionary(dictionary: y))
    }

    func damagedFile(_ dir: URL, _ edit: (inout [String]) -> Void) throws -> String {
        var lines = [
            "kind,version,step,case_key,input_summary,day,error_type,bucket,records,failed,runs,failed_runs,tokens,latency_min_ms,latency_max_ms,first_seen,last_seen,first_position,query_version,sketch_relative_accuracy,sketch_min_indexable_ms,model_name,token_min,token_max",
            "version,v3,,,,,,,1,1,1,1,,,,,,,2,0.01,0.001,,,",
            "step,v3,gen,,,,,,1,1,1,1,,100.0,100.0,,,,2,0.01,0.001,,,",
            "latency,v3,gen,,,,,231,1,,,,,,,,,,2,0.01,0.001,,,",
            "error,v3,gen,,,,timeout,,,1,,,,,,,,,2,0.01,0.001,,,",
            "day,v3,,,,2026-11-10,,,1,1,,,,,,,,,2,0.01,0.001,,,",
            "first_failure,v3,gen,,,,timeout,,,,1,,,,,,,,2,0.01,0.001,,,",
        ]
        edit(&lines)
        let path = dir.appendingPathComponent("agg-\(UUID().uuidString.prefix(6)).csv").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func damagedFilesExit2NamingTheRowAndColumn() throws {
        let dir = try workFolder()
        _ = try gate(["baseline", "update", "--logs", fixture("requests.jsonl"), "--version", "v2", "--baseline", "b.json"], in: dir)
        let good = try damagedFile(dir) { _ in }
        #expect(try gate(["check", "--aggregates", good, "--candidate", "v3", "--baseline", "b.json"], in: dir).status != 2)
        let cases: [(edit: (inout [String]) -> Void, mentions: [String])] = [
            ({ $0 = $0.map { $0.replacingOccurrences(of: ",failed_runs,", with: ",failed_runz,") } }, ["column failed_runs", "missing"]),
            ({ $0[2] = $0[2].replacingOccurrences(of: ",1,1,1,1,", with: ",1,1,-1,1,") }, ["row 2, column runs", "negative count"]),
            ({ $0[3] = $0[3].replacingOccurrences(of: "0.01,0.001", with: "0.02,0.001") }, ["row 3, column sketch_relative_accuracy", "another sketch"]),
        ]
        for (edit, mentions) in cases {
            let path = try damagedFile(dir, edit)
            for arguments in [["check", "--candidate", "v3", "--baseline", "b.json"], ["baseline", "update", "--version", "v3", "--baseline", "c.json"], ["stats"]] {
                let run = try gate(arguments + ["--aggregates", path], in: dir)
                #expect(run.status == 2, "\(arguments): \(run.stderr)")
                #expect(run.stdout.isEmpty)
                for text in mentions + [path] { #expect(run.stderr.contains(text), "\(arguments) lacks \(text): \(run.stderr)") }
            }
        }
        let both = try gate(["check", "--aggregates", good, "--logs", fixture("requests.jsonl"), "--candidate", "v3", "--baseline", "b.json"], in: dir)
        #expect(both.status == 2 && both.stderr.contains("both given"))
        let neither = try gate(["check", "--candidate", "v3", "--baseline", "b.json"], in: dir)
        #expect(neither.status == 2 && neither.stderr.contains("missing '--logs <file>' (or '--aggregates <file>')"))
    }
}
