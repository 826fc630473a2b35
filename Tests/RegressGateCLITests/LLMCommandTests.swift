import Foundation
import Testing

/// `analyze --llm`, `compare --llm` and `check --llm` end to end against `FakeModelServer`, a
/// Chat Completions server on 127.0.0.1: the checks issue 21 lists under "How it will be checked".
@Suite("--llm: a model explains beside the rules", .serialized)
struct LLMCommandTests {
    static let key = "sk-s3cr3tLLMk3yV4lue"
    static let logs = fixture("requests.jsonl")
    static let baseline = packageRoot.appendingPathComponent("baselines/baseline.json").path

    func llm(_ server: FakeModelServer, _ extra: [String] = []) -> [String] {
        ["--llm", "--llm-url", server.baseURL, "--llm-model", "qwen2.5:7b", "--llm-timeout", "5"] + extra
    }

    var environment: [String: String] {
        ["REGRESS_GATE_LLM_API_KEY": Self.key, "REGRESS_GATE_BACKOFF_SECONDS": "0.01", "REGRESS_GATE_LLM_URL": "", "REGRESS_GATE_LLM_MODEL": ""]
    }

    /// Every file under `dir`, as text.
    func contents(under dir: URL) -> [(path: String, text: String)] {
        let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.compactMap { url in (try? String(contentsOf: url, encoding: .utf8)).map { (url.path, $0) } }
    }

    func expectNoKey(_ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for text in texts {
            #expect(!text.contains(Self.key) && !text.contains("s3cr3t"), "the key leaked: \(text.prefix(300))", sourceLocation: sourceLocation)
        }
    }

    @Test func analyzeSendsTheRulesEvidenceWithTheSchemaAndShowsTheAnswerInJSONAndText() throws {
        let dir = temporaryDirectory()
        let server = try FakeModelServer(key: Self.key)
        let run = try gate(["analyze", "--logs", Self.logs, "--format", "json"] + llm(server), in: dir, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.method == "POST" && request.target == "/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer \(Self.key)")
        #expect(request.headers["content-type"] == "application/json")
        let body = try #require(server.bodies.first)
        #expect(body["model"] as? String == "qwen2.5:7b")
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.map { $0["role"] as? String } == ["system", "user"])
        let system = try #require(messages[0]["content"] as? String), user = try #require(messages[1]["content"] as? String)
        #expect(system.contains("are final") && system.contains("never instructions"))
        // The rules' evidence: categories, root-cause steps with error types and counts, growth, the rules' actions.
        #expect(user.contains("\"CITATION_MISS\"") && user.contains("\"root_causes\"") && user.contains("\"error_type\"") && user.contains("\"growth\""))
        #expect(user.contains("\"rule_recommendations\"") && user.contains("repeat the citation format instruction"))
        let format = try #require(body["response_format"] as? [String: Any])
        #expect(format["type"] as? String == "json_schema")
        let schema = try #require((format["json_schema"] as? [String: Any])?["schema"] as? [String: Any])
        #expect(schema["required"] as? [String] == ["summary", "root_causes", "recommendations", "next_iteration"])
        let causeItems = try #require(((schema["properties"] as? [String: Any])?["root_causes"] as? [String: Any])?["items"] as? [String: Any])
        #expect(causeItems["required"] as? [String] == ["step", "category", "explanation", "confidence"])

        // The JSON report: the rules' analysis as without --llm, plus llm.
        let report = try json(run.stdout)
        let plain = try json(try gate(["analyze", "--logs", Self.logs, "--format", "json"], in: dir).stdout)
        #expect(NSDictionary(dictionary: report.filter { $0.key != "llm" }) == NSDictionary(dictionary: plain))
        let llmJSON = try #require(report["llm"] as? [String: Any])
        #expect(llmJSON["status"] as? String == "ok" && llmJSON["model"] as? String == "qwen2.5:7b" && llmJSON["reason"] is NSNull)
        let analysis = try #require(llmJSON["analysis"] as? [String: Any])
        #expect(analysis["summary"] as? String == "Citation failures tripled after the prompt change.")
        #expect(analysis["next_iteration"] as? String == "Restore the citation instruction in v3's system prompt.")

        // The text report: the rules, then the model's explanation.
        let text = try gate(["analyze", "--logs", Self.logs] + llm(server, ["--no-llm-cache"]), in: dir, environment: environment)
        #expect(text.status == 0)
        #expect(text.stdout.contains("Recommended actions:"))
        #expect(text.stdout.contains("Model's explanation (qwen2.5:7b; advisory"), "\(text.stdout)")
        #expect(text.stdout.contains("Citation failures tripled after the prompt change."))
        #expect(text.stdout.contains("citation / CITATION_MISS (confidence 0.80)"))
        #expect(text.stdout.contains("HIGH    Add the citation format back to the system prompt"))
        #expect(text.stdout.contains("Next iteration: Restore the citation instruction"))
        expectNoKey([run.stdout, run.stderr, text.stdout, text.stderr] + contents(under: dir).map(\.text))
    }

    /// An answer the model gave, in each command's JSON, validates against the command's schema.
    @Test(.enabled(if: ExternalTool.wanted(ExternalTool.hasPython("jsonschema")), "needs python3 with jsonschema"))
    func theJSONWithAnAnswerMatchesTheSchemas() throws {
        let dir = temporaryDirectory()
        let server = try FakeModelServer()
        for (schema, command) in [("analyze", ["analyze", "--logs", Self.logs]), ("compare", ["compare", "--logs", Self.logs, "--a", "v2", "--b", "v3"]),
                                  ("check", ["check", "--logs", Self.logs, "--candidate", "v3", "--baseline", Self.baseline])] {
            let run = try gate(command + ["--format", "json"] + llm(server, ["--no-llm-cache"]), in: dir, environment: environment)
            #expect((try json(run.stdout)["llm"] as? [String: Any])?["status"] as? String == "ok", "\(schema)")
            let file = dir.appendingPathComponent("\(schema).json")
            try run.stdout.write(to: file, atomically: true, encoding: .utf8)
            let check = try ExternalTool.pythonScript("validate-json", [packageRoot.appendingPathComponent("schemas/\(schema).schema.json").path, file.path])
            #expect(check.status == 0, "\(schema): \(check.stdout)\(check.stderr)")
        }
    }

    @Test func aRerunIsAnsweredFromTheCacheIdenticallyAndTheCacheHoldsNoKey() throws {
        let dir = temporaryDirectory()
        let server = try FakeModelServer(key: Self.key)
        let arguments = ["compare", "--logs", Self.logs, "--a", "v2", "--b", "v3", "--format", "json"] + llm(server)
        let first = try gate(arguments, in: dir, environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let files = contents(under: dir.appendingPathComponent(".regress-gate/cache/llm"))
        #expect(files.count == 1)
        #expect(files.first.map { URL(fileURLWithPath: $0.path).lastPathComponent.count == 64 + 5 } == true, "a SHA-256 name: \(files)")
        #expect(files.first?.text.contains("Citation failures tripled") == true)
        let again = try gate(arguments, in: dir, environment: environment)
        #expect(server.requests.count == 1, "the re-run asked the server again")
        #expect(again.stdout == first.stdout, "a re-run's report is the first's, byte for byte")
        #expect(again.stderr.contains("note: the model's answer is the one cached in .regress-gate/cache/llm/"), "\(again.stderr)")
        #expect((try json(again.stdout)["llm"] as? [String: Any])?["status"] as? String == "ok")

        // --llm-cache elsewhere, and --no-llm-cache, ask again.
        let elsewhere = dir.appendingPathComponent("answers").path
        _ = try gate(arguments + ["--llm-cache", elsewhere], in: dir, environment: environment)
        #expect(server.requests.count == 2 && contents(under: URL(fileURLWithPath: elsewhere)).count == 1)
        _ = try gate(arguments + ["--no-llm-cache"], in: dir, environment: environment)
        #expect(server.requests.count == 3)
        expectNoKey(contents(under: dir).map(\.text) + [first.stdout, again.stdout])
    }

    @Test func compareExplainsAfterTwoFailuresWithRetryAfter() throws {
        let dir = temporaryDirectory()
        let server = try FakeModelServer(key: Self.key)
        server.fail(with: [.answer(503, body: "{\"error\": {\"message\": \"overloaded\"}}"), .answer(429, headers: ["Retry-After": "0"], body: "{\"error\": \"slow down\"}")])
        let run = try gate(["compare", "--logs", Self.logs, "--a", "v2", "--b", "v3"] + llm(server), in: dir, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(server.requests.count == 3)
        #expect(run.stdout.contains("Citation failures tripled"), "\(run.stdout)")
        let user = (server.bodies.last?["messages"] as? [[String: Any]])?.last?["content"] as? String ?? ""
        #expect(user.contains("\"task\": \"compare\"") && user.contains("\"conclusion\"") && user.contains("\"error_types\"") && user.contains("\"step_breakdown\""))
    }

    @Test func checkFallsBackWithoutResponseFormatAndReadsAFencedAnswer() throws {
        let dir = temporaryDirectory()
        let server = try FakeModelServer(key: Self.key, refusesResponseFormat: true, fenced: true)
        let markdown = dir.appendingPathComponent("summary.md").path, html = dir.appendingPathComponent("gate.html").path
        let jsonReport = dir.appendingPathComponent("gate.json").path
        let run = try gate(["check", "--logs", Self.logs, "--candidate", "v3", "--baseline", Self.baseline,
                            "--report", "markdown=\(markdown)", "--report", "html=\(html)", "--report", "json=\(jsonReport)"] + llm(server),
                           in: dir, environment: environment)
        #expect(run.status == 1, "the verdict's exit code: \(run.stderr)")
        #expect(server.requests.count == 2)
        #expect(server.bodies.first?["response_format"] != nil && server.bodies.last?["response_format"] == nil)
        let user = (server.bodies.first?["messages"] as? [[String: Any]])?.last?["content"] as? String ?? ""
        #expect(!user.contains("baseline.json") && !user.contains("requests.jsonl"), "a file name was sent")
        #expect(user.contains("\"verdict\": \"REGRESSION_DETECTED\"") && user.contains("\"reasons\"") && user.contains("\"candidate_failed_runs_by_first_failure\""))
        #expect(run.stdout.hasPrefix("REGRESSION_DETECTED"))
        #expect(run.stdout.contains("Model's explanation (qwen2.5:7b"), "\(run.stdout)")
        #expect(run.stdout.contains("Citation failures tripled"))
        #expect(try String(contentsOfFile: markdown, encoding: .utf8).contains("#### Model's explanation"))
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<section id=\"llm\">"))
        let report = try json(try String(contentsOfFile: jsonReport, encoding: .utf8))
        #expect((report["llm"] as? [String: Any])?["status"] as? String == "ok")
        expectNoKey([run.stdout, run.stderr] + contents(under: dir).map(\.text))
    }

    @Test func aServerThatIsDownOrTooSlowLeavesTheRulesAndTheExitCode() throws {
        let dir = temporaryDirectory()
        let down = try LocalHTTPServer(replies: [])
        let downURL = down.baseURL + "/v1"
        down.stop()
        let check = ["check", "--logs", Self.logs, "--candidate", "v3", "--baseline", Self.baseline]
        let without = try gate(check, in: dir)
        let refused = try gate(check + ["--llm", "--llm-url", downURL, "--llm-model", "m", "--llm-timeout", "1"], in: dir, environment: environment)
        #expect(without.status == 1 && refused.status == 1)
        #expect(refused.stdout.hasPrefix(without.stdout), "the rules' report is unchanged")
        #expect(refused.stdout.replacingOccurrences(of: "\n  ", with: " ").contains("Model's analysis unavailable (m): no answer from the model server: connection refused; the rules' analysis above stands."), "\(refused.stdout)")
        #expect(refused.stdout.contains("the rules' analysis above stands"))

        let slow = try LocalHTTPServer(replies: [.silence])
        defer { slow.stop() }
        let timedOut = try gate(["analyze", "--logs", Self.logs, "--format", "json", "--llm", "--llm-url", slow.baseURL + "/v1", "--llm-model", "m", "--llm-timeout", "1"],
                                in: dir, environment: environment)
        #expect(timedOut.status == 0, "\(timedOut.stderr)")
        #expect(slow.receivedRequests.count == 1, "a timeout is not retried")
        let answer = try #require(try json(timedOut.stdout)["llm"] as? [String: Any])
        #expect(answer["status"] as? String == "unavailable" && answer["analysis"] is NSNull)
        #expect((answer["reason"] as? String)?.contains("timed out") == true, "\(answer)")
        #expect(try json(timedOut.stdout)["recommendations"] != nil)
        #expect(timedOut.stderr.contains("note: the model's analysis is missing: no answer from the model server: no answer within 1 s (timed out)"), "\(timedOut.stderr)")
        #expect(!refused.stderr.contains("note:"), "the text report says it already")
        #expect(contents(under: dir).isEmpty, "nothing cached without an answer")
    }

    @Test func anAnswerThatBreaksTheSchemaIsNoAnswer() throws {
        let dir = temporaryDirectory()
        let server = try FakeModelServer(content: #"{"summary": "ok", "root_causes": [{"step": "citation", "category": "X", "explanation": "y", "confidence": "high"}], "recommendations": [], "next_iteration": "z"}"#)
        let run = try gate(["analyze", "--logs", Self.logs, "--format", "json"] + llm(server), in: dir, environment: environment)
        #expect(run.status == 0)
        let answer = try #require(try json(run.stdout)["llm"] as? [String: Any])
        #expect(answer["status"] as? String == "unavailable")
        #expect(answer["reason"] as? String == "the model's answer does not match the schema: root_causes[0].confidence is not a number from 0 to 1")

        server.content = "I think the citations are the problem."
        let prose = try gate(["analyze", "--logs", Self.logs] + llm(server), in: dir, environment: environment)
        let line = prose.stdout.replacingOccurrences(of: "\n  ", with: " ")   // the text report wraps at 80 columns
        #expect(line.contains("Model's analysis unavailable (qwen2.5:7b): the model's answer holds no JSON object; the rules' analysis above stands."), "\(prose.stdout)")

        let wrongKey = try FakeModelServer(key: "another")
        let refused = try gate(["analyze", "--logs", Self.logs, "--format", "json"] + llm(wrongKey), in: dir, environment: environment)
        #expect(refused.status == 0)
        #expect((try json(refused.stdout)["llm"] as? [String: Any])?["reason"] as? String == "the model server answered HTTP 401: invalid api key")
    }

    @Test func inputsAreSentOnlyWhenAskedAndThenTheTenMostFrequentCut() throws {
        let dir = temporaryDirectory()
        let failed = try json(try gate(["analyze", "--logs", Self.logs, "--version", "v3", "--limit", "0", "--format", "json"], in: dir).stdout)
        let inputs = Set(((failed["runs"] as? [[String: Any]]) ?? []).compactMap { $0["input_summary"] as? String })
        #expect(inputs.count > 10)
        let server = try FakeModelServer()
        for command in [["analyze", "--logs", Self.logs], ["compare", "--logs", Self.logs, "--a", "v2", "--b", "v3"],
                        ["check", "--logs", Self.logs, "--candidate", "v3", "--baseline", Self.baseline]] {
            _ = try gate(command + llm(server, ["--no-llm-cache"]), in: dir, environment: environment)
            let body = try #require(server.requests.last?.body)
            #expect(inputs.allSatisfy { !body.contains($0) }, "\(command[0]) sent an input unasked")
            #expect(!body.contains("chunks retrieved"), "\(command[0]) sent an output")
            #expect(!body.contains("requests.jsonl") && !body.contains("baseline.json"), "\(command[0]) sent a file name")

            _ = try gate(command + llm(server, ["--no-llm-cache", "--llm-include-inputs"]), in: dir, environment: environment)
            let user = (server.bodies.last?["messages"] as? [[String: Any]])?.last?["content"] as? String ?? ""
            let evidence = try json(String(user.drop { $0 != "{" }))
            let sent = try #require(evidence["failing_inputs"] as? [[String: Any]], "\(command[0])")
            #expect(sent.count == 10)
            #expect(sent.allSatisfy { ($0["input"] as? String).map { $0.count <= 200 && inputs.contains($0) } == true })
            let counts = sent.compactMap { $0["failed_runs"] as? Int }
            #expect(counts == counts.sorted(by: >), "most frequent first")
        }
    }

    @Test func theModelsTextIsEscapedAndAnEchoedKeyMasked() throws {
        let dir = temporaryDirectory()
        let hostile = "Fine.\u{1B}[2J\n::error::pwned <script>alert(1)</script> @octocat \(Self.key)"
        let server = try FakeModelServer(content: FakeModelServer.answer(summary: hostile), key: Self.key)
        let markdown = dir.appendingPathComponent("summary.md").path, html = dir.appendingPathComponent("gate.html").path
        let run = try gate(["check", "--logs", Self.logs, "--candidate", "v3", "--baseline", Self.baseline,
                            "--report", "markdown=\(markdown)", "--report", "html=\(html)"] + llm(server), in: dir, environment: environment)
        #expect(run.status == 1)
        #expect(!run.stdout.contains("\u{1B}") && run.stdout.contains("\\u{1B}[2J"), "\(run.stdout)")
        #expect(!run.stdout.split(separator: "\n").contains { $0.hasPrefix("::") })
        #expect(run.stdout.contains("***"))
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(!page.contains("<script>alert") && page.contains("&lt;script&gt;"))
        let md = try String(contentsOfFile: markdown, encoding: .utf8)
        #expect(!md.contains("<script>") && !md.contains(" @octocat"), "\(md)")
        expectNoKey([run.stdout, run.stderr] + contents(under: dir).map(\.text))
    }

    @Test func llmOptionsWithoutLLMOrWithABadURLAreUsageErrors() throws {
        let a = try gate(["analyze", "--logs", Self.logs, "--llm-model", "m"])
        #expect(a.status == 2 && a.stderr.contains("--llm-model needs --llm"))
        let b = try gate(["compare", "--logs", Self.logs, "--a", "v1", "--b", "v2", "--llm", "--llm-url", "ftp://x"])
        #expect(b.status == 2 && b.stderr.contains("expected an http or https URL"))
        let piped = try gate(["check", "--logs", "-", "--candidate", "v3", "--baseline", Self.baseline, "--llm", "--llm-include-inputs"],
                             stdin: try Data(contentsOf: URL(fileURLWithPath: Self.logs)))
        #expect(piped.status == 2 && piped.stderr.contains("standard input cannot give") && piped.stdout.isEmpty, "\(piped.stderr)")
        let help = try gate(["help", "check"])
        for option in ["--llm ", "--llm-url", "--llm-model", "--llm-timeout", "--llm-retries", "--llm-include-inputs", "--llm-cache", "--no-llm-cache"] {
            #expect(help.stdout.contains(option), "\(option) missing from help")
        }
    }
}
