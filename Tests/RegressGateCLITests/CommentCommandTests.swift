import Foundation
import Testing

/// `regress-gate comment` end to end, against `FakeGitHub` pointed to by `GITHUB_API_URL`: the
/// checks issue 22 lists under "How it will be checked".
@Suite("regress-gate comment", .serialized)
struct CommentCommandTests {
    /// A JSON report of `check` on the fixture: v3 regressed, or v2 passing.
    func report(_ candidate: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("gate-\(candidate).json").path
        let run = try gate(["check", "--logs", fixture("requests.jsonl"), "--candidate", candidate, "--baseline", "baselines/baseline.json", "--report", "json=\(path)"])
        #expect(run.status == (candidate == "v3" ? 1 : 0), "\(run.stderr)")
        return path
    }

    /// A pull_request event payload for PR `number`, as GitHub writes it at `GITHUB_EVENT_PATH`.
    func event(_ number: Int, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent("event.json")
        try #"{"action": "synchronize", "number": \#(number), "pull_request": {"number": \#(number), "head": {"ref": "feature"}}}"#.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The environment of an Actions job on `github`'s pull request.
    func environment(_ github: FakeGitHub, dir: URL, runID: String = "4242") throws -> [String: String] {
        ["GITHUB_API_URL": github.apiURL, "GITHUB_REPOSITORY": github.repository, "GITHUB_EVENT_PATH": try event(github.number, in: dir),
         "GITHUB_TOKEN": github.token, "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": runID,
         "GITHUB_REF": "refs/pull/\(github.number)/merge", "REGRESS_GATE_BACKOFF_SECONDS": "0.01", "GITLAB_CI": ""]
    }

    func expectNoToken(_ run: ToolRun, _ github: FakeGitHub, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!(run.stdout + run.stderr).contains(github.token), "the token was printed", sourceLocation: sourceLocation)
        #expect(!(run.stdout + run.stderr).contains("s3cr3t"), "part of the token was printed", sourceLocation: sourceLocation)
    }

    @Test func aRegressionCreatesOneCommentWithTheMarkerAndTheVerdictAfterReadingEveryPage() throws {
        let dir = temporaryDirectory()
        let github = try FakeGitHub()
        github.addOthers(230)   // three pages of 100
        let run = try gate(["comment", "--report", try report("v3", in: dir)], environment: try environment(github, dir: dir))
        #expect(run.status == 0, "\(run.stderr)")
        expectNoToken(run, github)
        let requests = github.requests
        #expect(requests.map(\.method) == ["GET", "GET", "GET", "POST"])
        #expect(requests.prefix(3).map(\.target) == [
            "/repos/acme/rag/issues/7/comments?per_page=100",
            "/repos/acme/rag/issues/7/comments?per_page=100&page=2",
            "/repos/acme/rag/issues/7/comments?per_page=100&page=3",
        ])
        #expect(requests.allSatisfy { $0.headers["authorization"] == "Bearer \(github.token)" })
        #expect(requests.allSatisfy { $0.headers["accept"] == "application/vnd.github+json" && $0.headers["user-agent"]?.hasPrefix("regress-gate/") == true })
        let ours = github.bodies.filter { $0.hasPrefix("<!-- regress-gate:default -->\n") }
        #expect(ours.count == 1 && github.bodies.count == 231)
        let body = try #require(ours.first)
        #expect(body.contains("REGRESSION_DETECTED"))
        #expect(body.contains("| citation | +17.8 pp | [+8.0, +27.7] | <.0001 | REGRESSION_DETECTED |"), "\(body)")
        #expect(body.contains("about 551 candidate runs would settle it"))
        #expect(body.contains("**47 newly failing** of 120 cases") && body.contains("… and 37 more"))
        #expect(body.contains("[The run](<https://github.com/acme/rag/actions/runs/4242>)"))
        #expect(run.stdout == "created comment 1231 on acme/rag#7 (REGRESSION_DETECTED)\n")
    }

    @Test func runningAgainUpdatesTheCommentAndALaterPassSaysItPasses() throws {
        let dir = temporaryDirectory()
        let github = try FakeGitHub()
        github.addOthers(3)
        let regressed = try report("v3", in: dir)
        let first = try gate(["comment", "--report", regressed], environment: try environment(github, dir: dir, runID: "1"))
        #expect(first.status == 0, "\(first.stderr)")
        let second = try gate(["comment", "--report", regressed], environment: try environment(github, dir: dir, runID: "2"))
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.hasPrefix("updated comment "), "\(second.stdout)")
        #expect(github.requests.filter { $0.method == "POST" }.count == 1)
        #expect(github.requests.last?.method == "PATCH" && github.requests.last?.target.hasPrefix("/repos/acme/rag/issues/comments/") == true)
        #expect(github.bodies.count == 4 && github.bodies[3].contains("actions/runs/2"))

        // The same report and run again: the comment already says it, nothing is sent.
        let same = try gate(["comment", "--report", regressed], environment: try environment(github, dir: dir, runID: "2"))
        #expect(same.status == 0 && same.stdout.contains("no comment sent") && github.requests.last?.method == "GET", "\(same.stdout)")

        let passing = try gate(["comment", "--report", try report("v2", in: dir)], environment: try environment(github, dir: dir, runID: "3"))
        #expect(passing.status == 0, "\(passing.stderr)")
        expectNoToken(passing, github)
        #expect(github.bodies.count == 4)
        #expect(github.bodies[3].hasPrefix("<!-- regress-gate:default -->\n### ✅ regress-gate: PASS"))
        #expect(github.bodies[3].contains("The gate passes") && !github.bodies[3].contains("REGRESSION_DETECTED"))
    }

    @Test func aPassWithNoEarlierCommentSendsNoPost() throws {
        let dir = temporaryDirectory()
        let github = try FakeGitHub()
        github.addOthers(2)
        github.add("<!-- regress-gate:nightly -->\n### ❌ another gate's comment")   // another --id: not ours
        let run = try gate(["comment", "--report", try report("v2", in: dir)], environment: try environment(github, dir: dir))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(github.requests.map(\.method) == ["GET"])
        #expect(run.stdout == "no comment sent to acme/rag#7: PASS with no earlier comment: nothing to post (--when always posts it)\n")
        let always = try gate(["comment", "--report", try report("v2", in: dir), "--when", "always", "--id", "smoke"], environment: try environment(github, dir: dir))
        #expect(always.status == 0 && github.requests.last?.method == "POST", "\(always.stderr)")
        #expect(github.bodies.last?.hasPrefix("<!-- regress-gate:smoke -->\n") == true)
    }

    /// A 500, a 502, a secondary rate limit (403 with Retry-After: 0) and a spent primary limit
    /// (403 with x-ratelimit-reset in the past): each waited out, then the comment is created.
    @Test func serverErrorsAreRetriedAndARateLimitIsWaitedOut() throws {
        let dir = temporaryDirectory()
        let github = try FakeGitHub()
        let secondary = #"{"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", "documentation_url": "https://docs.github.com/rest"}"#
        github.fail(with: [.answer(500, body: #"{"message": "Server Error"}"#), .answer(502, body: "<html>bad gateway</html>"),
                           .answer(403, headers: ["Retry-After": "0"], body: secondary),
                           .answer(403, headers: ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1"], body: #"{"message": "API rate limit exceeded"}"#)])
        let run = try gate(["comment", "--report", try report("v3", in: dir)], environment: try environment(github, dir: dir))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(github.requests.map(\.method) == ["GET", "GET", "GET", "GET", "GET", "POST"])
        #expect(github.bodies.count == 1)
    }

    @Test func anAPIThatAlwaysAnswers500ExitsThreeWithTheStatusAndGitHubsMessage() throws {
        let dir = temporaryDirectory()
        let github = try FakeGitHub()
        github.fail(with: Array(repeating: .answer(500, body: #"{"message": "Server Error"}"#), count: 20))
        let run = try gate(["comment", "--report", try report("v3", in: dir), "--retries", "3"], environment: try environment(github, dir: dir))
        #expect(run.status == 3)
        #expect(github.requests.count == 4)
        #expect(run.stderr.contains("listing comments failed: GitHub answered HTTP 500: Server Error (4 attempts)"), "\(run.stderr)")
        expectNoToken(run, github)
    }

    @Test func aWrongTokenIsFinalAndNeverPrinted() throws {
        let dir = temporaryDirectory()
        let github = try FakeGitHub()
        var env = try environment(github, dir: dir)
        env["GITHUB_TOKEN"] = "ghp_wr0ngS3cretValue"
        let run = try gate(["comment", "--report", try report("v3", in: dir)], environment: env)
        #expect(run.status == 3)
        #expect(github.requests.count == 1)
        #expect(run.stderr.contains("GitHub answered HTTP 401: Bad credentials (1 attempt)"), "\(run.stderr)")
        #expect(!(run.stdout + run.stderr).contains("wr0ng"))
    }

    @Test func outsideAPullRequestWithoutPrItExitsTwoSayingSo() throws {
        let dir = temporaryDirectory()
        let github = try FakeGitHub()
        var env = try environment(github, dir: dir)
        env["GITHUB_EVENT_PATH"] = ""
        env["GITHUB_REF"] = "refs/heads/main"
        let run = try gate(["comment", "--report", try report("v3", in: dir)], environment: env)
        #expect(run.status == 2)
        #expect(run.stderr.contains("not in a pull request") && run.stderr.contains("--pr N"), "\(run.stderr)")
        #expect(github.requests.isEmpty)
        // --pr (and GITHUB_REF alone) name it.
        let named = try gate(["comment", "--report", try report("v3", in: dir), "--pr", "7"], environment: env)
        #expect(named.status == 0, "\(named.stderr)")
        env["GITHUB_REF"] = "refs/pull/7/merge"
        let fromRef = try gate(["comment", "--report", try report("v3", in: dir)], environment: env)
        #expect(fromRef.status == 0 && fromRef.stdout == "no comment sent to acme/rag#7: the comment already says this\n", "\(fromRef.stderr)")
    }

    @Test func noTokenOrABrokenReportIsAnInputError() throws {
        let dir = temporaryDirectory()
        let github = try FakeGitHub()
        var env = try environment(github, dir: dir)
        env["GITHUB_TOKEN"] = ""
        let noToken = try gate(["comment", "--report", try report("v3", in: dir)], environment: env)
        #expect(noToken.status == 2 && noToken.stderr.contains("GITHUB_TOKEN is not set"), "\(noToken.stderr)")
        let bad = dir.appendingPathComponent("bad.json")
        try #"{"verdict": "PASS"}"#.write(to: bad, atomically: true, encoding: .utf8)
        let broken = try gate(["comment", "--report", bad.path], environment: try environment(github, dir: dir))
        #expect(broken.status == 2 && broken.stderr.contains("format_version: missing"), "\(broken.stderr)")
        let badID = try gate(["comment", "--report", bad.path, "--id", "x -->"], environment: try environment(github, dir: dir))
        #expect(badID.status == 2 && badID.stderr.contains("'--id'"), "\(badID.stderr)")
        #expect(github.requests.isEmpty)
    }
}
