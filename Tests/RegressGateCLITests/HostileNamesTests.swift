import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Names from a log can hold anything. Fed generated hostile names (steps, error types,
/// versions, cases, run ids, inputs) through every command and every format of the built tool,
/// no output lets them act: human formats show every hidden character as an escape, no line
/// outside a `github` annotation starts a CI command, Markdown and HTML hold no tag from the
/// data, JUnit parses as XML, and JSON parses and gives back the exact name.
@Suite("Hostile names through every command and format")
struct HostileNamesTests {
    /// Pieces a hostile name is made of: each is an attack on some format. (NUL is in a case
    /// below: a name passed as an argument cannot hold it.)
    static let pieces = [
        "\n::warning::injected", "\r\n::error title=x::forged", "\n  ::set-output name=a::b", "\n##[error]old", "::stop-commands::x",
        "\u{1B}[31m", "\u{9B}2J", "\u{7F}", "\u{07}", "\t",
        "\u{202E}", "\u{2066}", "\u{202A}", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{2060}", "\u{2028}", "\u{2029}", "\u{E0041}",
        "</details><img src=x onerror=alert(1)>", "<script>alert(1)</script>", "<!-- c -->", "&lt;b&gt;", "&amp;",
        "| a | b |", "`code`", "*bold*", "_em_", "~~s~~", "[link](javascript:alert(1))", "![i](http://x/t.png)", "[r]: http://x",
        "# heading", "- item", "1. item", "> quote", "\\", "\\|", "\"q\"", "'s'", "%0A::error::x", "%25", ":", ",", "]]>", "<![CDATA[x]]>",
        "ğüş", "名前", "😤", " ",
    ]

    /// A name of 2 to 5 pieces, chosen by `random`, then `tag` (which keeps names apart): so data starts a line.
    static func name(_ random: inout SplitMix, tag: String) -> String {
        var name = ""
        for _ in 0..<(2 + random.next(4)) { name += pieces[random.next(pieces.count)] }
        return name + tag
    }

    /// One hostile world: names of every kind, and a log that uses them all.
    struct World {
        var baseline: String, candidate: String
        var steps: [String], errors: [String], cases: [String], runPrefix: String

        static func generated(seed: UInt64) -> World {
            var random = SplitMix(seed: seed)
            // A version is also an argument, and an argument starting with "-" is an option: its tag goes first.
            return World(baseline: "v1" + HostileNamesTests.name(&random, tag: ""), candidate: "v2" + HostileNamesTests.name(&random, tag: ""),
                         steps: (0..<2).map { HostileNamesTests.name(&random, tag: "s\($0)") },
                         errors: (0..<2).map { HostileNamesTests.name(&random, tag: "e\($0)") },
                         cases: (0..<6).map { HostileNamesTests.name(&random, tag: "c\($0)") },
                         runPrefix: HostileNamesTests.name(&random, tag: "r"))
        }

        /// Every piece at least once.
        static let everything = World(
            baseline: "::v1" + pieces[0..<12].joined(), candidate: "v2" + pieces[12..<24].joined(),
            steps: ["::s0" + pieces[24..<36].joined(), "s1" + pieces[36...].joined()],
            errors: ["::error::e0" + pieces.joined(), "</details><img src=x onerror=alert(1)>e1"],
            cases: ["::c0\u{00}" + pieces.reversed().joined()] + pieces.prefix(5).enumerated().map { "\($0.element)c\($0.offset + 1)" },
            runPrefix: "::r" + pieces.joined())

        /// 40 runs per version over four days; the candidate fails more often, at both steps.
        func logLines() throws -> Data {
            var out = Data()
            for (version, failing) in [(baseline, 6), (candidate, 24)] {
                for r in 0..<40 {
                    for (n, step) in steps.enumerated() {
                        // The last step fails in the last `failing` runs; the first in every fifth run of the candidate,
                        // so each step has its own evidence and reasons that start with its name.
                        let fails = (r >= 40 - failing && n == steps.count - 1) || (n == 0 && version == candidate && r % 5 == 0)
                        let record: [String: Any] = [
                            "timestamp": "2026-11-0\(1 + r % 4)T10:00:\(String(format: "%02d", r % 60))+00:00",
                            "run_id": "\(runPrefix)\(version.count)-\(r)", "step_name": step,
                            "input_summary": cases[r % cases.count], "output_summary": "", "latency_ms": 100 + r,
                            "token_count": 12, "success": !fails, "error_type": fails ? errors[r % errors.count] : NSNull(),
                            "prompt_version": version, "model_name": "m",
                        ]
                        out.append(try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]))
                        out.append(0x0A)
                    }
                }
            }
            return out
        }

        var names: [String] { [baseline, candidate] + steps + errors + cases }
    }

    /// What one invocation printed, and how to judge it.
    struct Output {
        enum Kind { case human, markdown, html, junit, json, github }
        var command: String
        var kind: Kind
        var text: String
    }

    /// Runs every command in every format on `world`'s log; returns each output (stdout and stderr apart).
    func outputs(of world: World) throws -> [Output] {
        let dir = temporaryDirectory()
        try world.logLines().write(to: dir.appendingPathComponent("logs.jsonl"))
        var bad = try world.logLines()
        bad.append(Data(#"{"run_id": "x", "step_name": "s", "prompt_version": "v", "success": "#.utf8))
        bad.append(try JSONSerialization.data(withJSONObject: [world.steps[0]], options: [.fragmentsAllowed]))   // a string where a bool belongs
        bad.append(Data("}\n".utf8))
        try bad.write(to: dir.appendingPathComponent("bad.jsonl"))

        var out: [Output] = []
        func run(_ arguments: [String], _ kind: Output.Kind, status: Set<Int32> = [0, 1]) throws {
            let result = try gate(arguments, in: dir)
            let label = arguments.prefix(2).joined(separator: " ") + " " + (arguments.last ?? "")
            #expect(status.contains(result.status), "\(label): exit \(result.status) \(result.stderr)")
            out.append(Output(command: label, kind: kind, text: result.stdout))
            out.append(Output(command: label + " (stderr)", kind: .human, text: result.stderr))
        }
        let logs = ["--logs", "logs.jsonl"]
        try run(["baseline", "update"] + logs + ["--version", world.baseline, "--baseline", "b.json"], .human, status: [0])
        try run(["baseline", "show", "--baseline", "b.json"], .human, status: [0])
        try run(["baseline", "show", "--baseline", "b.json", "--format", "json"], .json, status: [0])
        let judge = ["check", "--baseline", "b.json"] + logs
        let check = judge + ["--candidate", world.candidate]
        for (format, kind) in [("text", Output.Kind.human), ("json", .json), ("markdown", .markdown), ("junit", .junit), ("html", .html), ("github", .github)] {
            try run(check + ["--format", format], kind)
            try run(check + ["--policy", "thresholds", "--format", format], kind)
        }
        for command in ["stats", "analyze", "trend", "dashboard", "alert"] {
            try run([command] + logs, .human, status: [0])
            try run([command] + logs + ["--format", "json"], .json, status: [0])
        }
        try run(["analyze"] + logs + ["--run", "\(world.runPrefix)\(world.candidate.count)-39"], .human, status: [0])
        for command in ["trend", "dashboard", "alert", "analyze"] {   // the version is quoted in headings and alert texts
            try run([command] + logs + ["--version", world.candidate], .human, status: [0])
        }
        try run(["candidates"] + logs + ["--output", "c.json"], .human, status: [0])
        try run(["candidates"] + logs + ["--output", "c.json", "--format", "json"], .json, status: [0])
        try run(["compare"] + logs + ["--a", world.baseline, "--b", world.candidate], .human, status: [0])
        try run(["compare"] + logs + ["--a", world.baseline, "--b", world.candidate, "--format", "json"], .json, status: [0])
        // Diagnostics that quote data: a bad line's value, an unknown version, a version with no records.
        try run(["stats", "--logs", "bad.jsonl"], .human, status: [2])
        try run(["stats", "--logs", "bad.jsonl", "--max-bad-lines", "1"], .human, status: [0])
        try run(judge + ["--candidate", world.steps[1]], .human, status: [2])
        // Broken input still writes its error reports, which quote the unknown version.
        try run(judge + ["--candidate", "v9" + world.steps[1], "--report", "markdown=e.md", "--report", "html=e.html", "--report", "junit=e.xml"], .human, status: [2])
        for (file, kind) in [("e.md", Output.Kind.markdown), ("e.html", .html), ("e.xml", .junit)] {
            out.append(Output(command: "check (error report \(file))", kind: kind, text: try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)))
        }
        // Reports written beside stdout are the same formats.
        try run(check + ["--report", "markdown=r.md", "--report", "html=r.html", "--report", "junit=r.xml"], .human)
        for (file, kind) in [("r.md", Output.Kind.markdown), ("r.html", .html), ("r.xml", .junit)] {
            out.append(Output(command: "check (report \(file))", kind: kind, text: try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)))
        }
        try run(["compare"] + logs + ["--a", world.errors[0], "--b", world.candidate], .human, status: [2])
        return out
    }

    /// The scalars no human output may hold: controls (a newline ends a line), format characters, separators.
    static func hidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\n" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// The tags our Markdown and HTML are made of; any other tag came from data.
    static let markdownTags: Set = ["details", "summary"]
    static let htmlTags: Set = ["!doctype", "html", "head", "meta", "title", "style", "body", "header", "div", "p", "strong", "main",
                                "section", "h2", "ul", "li", "figure", "svg", "g", "line", "text", "rect", "path", "figcaption",
                                "table", "thead", "tbody", "tr", "th", "td", "span", "details", "summary", "ol", "footer"]

    static func tags(_ text: String) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            let name = rest.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber || $0 == "!" }
            if !name.isEmpty { names.insert(name.lowercased()) }
        }
        return names
    }

    /// `text` without the code spans of its heading (the versions): text in a code span is shown as it is.
    static func outsideCodeSpans(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("### ") else { return String(line) }
            return line.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()
        }.joined(separator: "\n")
    }

    /// Every string in a JSON document, keys included.
    static func strings(_ value: Any) -> [String] {
        switch value {
        case let s as String: return [s]
        case let a as [Any]: return a.flatMap(strings)
        case let o as [String: Any]: return o.keys.map { $0 } + o.values.flatMap(strings)
        default: return []
        }
    }

    func check(_ world: World, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let outputs = try outputs(of: world)
        for output in outputs {
            let lines = output.text.split(separator: "\n", omittingEmptySubsequences: false)
            if output.kind != .github {
                for line in lines {
                    let start = line.drop { $0.isWhitespace }
                    #expect(!start.hasPrefix("::") && !start.hasPrefix("##["), "\(output.command): a line starts a CI command: \(line.debugDescription)", sourceLocation: sourceLocation)
                }
            }
            switch output.kind {
            case .human, .markdown, .html, .junit:
                let raw = output.text.unicodeScalars.filter(Self.hidden)
                #expect(raw.isEmpty, "\(output.command): raw \(raw.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
                #expect(!output.text.contains("Optional("), "\(output.command)", sourceLocation: sourceLocation)
            case .github:
                // One line per annotation, each a command the runner reads whole.
                #expect(lines.dropLast().allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") || $0.hasPrefix("::notice ") },
                        "\(output.command): \(output.text.debugDescription)", sourceLocation: sourceLocation)
                #expect(!output.text.unicodeScalars.contains { $0 != "\n" && Self.hidden($0) }, sourceLocation: sourceLocation)
            case .json:
                let object = try JSONSerialization.jsonObject(with: Data(output.text.utf8))
                let strings = Set(Self.strings(object))
                let expected: [String]
                switch output.command.prefix(while: { $0 != " " }) {
                case "baseline": expected = [world.baseline] + world.steps
                case "check", "stats", "compare": expected = world.steps + [world.candidate]
                case "trend", "dashboard": expected = world.steps
                case "analyze": expected = [world.candidate]
                default: expected = []   // candidates: queries; alert: sentences that quote the names
                }
                for name in expected {
                    #expect(strings.contains(name), "\(output.command): \(name.debugDescription) not given back exactly", sourceLocation: sourceLocation)
                }
            }
            switch output.kind {
            case .markdown:
                let live = Self.outsideCodeSpans(output.text)   // a code span shows its text as it is
                #expect(Self.tags(live).isSubset(of: Self.markdownTags), "\(output.command): \(Self.tags(live))", sourceLocation: sourceLocation)
                #expect(!live.replacingOccurrences(of: "\\]", with: "").contains("]("), "\(output.command): a link", sourceLocation: sourceLocation)
            case .html:
                #expect(Self.tags(output.text).isSubset(of: Self.htmlTags), "\(output.command): \(Self.tags(output.text))", sourceLocation: sourceLocation)
            case .junit:
                let parser = XMLParser(data: Data(output.text.utf8))
                #expect(parser.parse(), "\(output.command): \(String(describing: parser.parserError))", sourceLocation: sourceLocation)
            default:
                break
            }
        }
        // The reports did show the names, escaped: the step a run failed at is in the text report.
        let text = outputs.first { $0.command.hasPrefix("check --baseline") && $0.command.hasSuffix("text") }!.text
        #expect(text.contains("s1") || text.contains("s0"), sourceLocation: sourceLocation)
    }

    @Test func everyPieceAtOnce() throws {
        try check(.everything)
        // Shown, not dropped: the candidate's version holds a bidi override and a zero-width space.
        let dir = temporaryDirectory()
        try World.everything.logLines().write(to: dir.appendingPathComponent("logs.jsonl"))
        let stats = try gate(["stats", "--logs", "logs.jsonl"], in: dir)
        #expect(stats.stdout.contains(#"v2\u{202A}\u{200B}\u{200D}\u{FEFF}\u{2060}\u{2028}\u{2029}"#), "\(stats.stdout)")
    }

    @Test func aWebhookAlertCannotMentionLinkOrHide() throws {
        let dir = temporaryDirectory()
        let step = "<!channel> <https://x.example|click> &\u{202E}\n::warning::x"
        var log = Data()
        for i in 0..<6 {
            let record: [String: Any] = ["timestamp": "2026-11-01T10:00:0\(i)+00:00", "run_id": "r\(i)", "step_name": step,
                                         "success": i < 2, "prompt_version": "v1"]
            log.append(try JSONSerialization.data(withJSONObject: record)); log.append(0x0A)
        }
        try log.write(to: dir.appendingPathComponent("logs.jsonl"))
        let server = try LocalHTTPServer(replies: [.status(200)])
        defer { server.stop() }
        let run = try gate(["alert", "--logs", "logs.jsonl", "--webhook", server.url()], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let texts = try server.receivedBodies.map { try json($0)["text"] as! String }
        let streak = try #require(texts.first { $0.contains("in a row") })
        #expect(streak.hasPrefix(#"🔴 *[regress-gate]* step '&lt;!channel&gt; &lt;https://x.example|click&gt; &amp;\u{202E}\n::warning::x' failed"#), "\(streak)")
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func generatedNames(seed: UInt64) throws {
        try check(.generated(seed: seed))
    }
}

/// A small seeded generator (SplitMix64): the same names on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
