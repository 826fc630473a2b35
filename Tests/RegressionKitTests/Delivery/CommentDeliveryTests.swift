import Foundation
import Testing
@testable import RegressionKit

/// The pure parts of `regress-gate comment`: the Link header, the retry policy (no real
/// sleeping: the sleeper records), the plan, the CI context, and the client over a fake transport.
@Suite("Comment delivery")
struct CommentDeliveryTests {
    @Test func theLinkHeaderNamesTheNextPage() {
        let github = #"<https://api.github.com/repositories/1/issues/7/comments?per_page=100&page=2>; rel="next", <https://api.github.com/repositories/1/issues/7/comments?per_page=100&page=3>; rel="last""#
        #expect(LinkHeader.url(github)?.absoluteString == "https://api.github.com/repositories/1/issues/7/comments?per_page=100&page=2")
        #expect(LinkHeader.url(github, relation: "last")?.query == "per_page=100&page=3")
        #expect(LinkHeader.url(#"<https://x/a?b=1,2>; REL=Next"#)?.absoluteString == "https://x/a?b=1,2")
        #expect(LinkHeader.url(#"<https://x/p>; rel="prev first""#) == nil)
        #expect(LinkHeader.url(#"<https://x/n>; rel="next last""#)?.absoluteString == "https://x/n")
        #expect(LinkHeader.url("") == nil && LinkHeader.url("garbage; rel=next") == nil)
    }

    func response(_ status: Int, _ headers: [String: String] = [:], _ body: String = "") -> HTTPOutcome {
        .response(HTTPResponse(status: status, headers: headers, body: Data(body.utf8)))
    }

    @Test func serverErrorsAndRateLimitsAreRetriedOthersAreFinal() {
        let policy = RetryPolicy(retries: 3, initialBackoffSeconds: 1, maxWaitSeconds: 60)
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect((1...4).map { policy.wait(after: response(500), attempt: $0, now: now) } == [1, 2, 4, nil])
        #expect(policy.wait(after: .failed("connection refused"), attempt: 1, now: now) == 1)
        #expect(policy.wait(after: response(429, ["Retry-After": "7"]), attempt: 1, now: now) == 7)
        #expect(policy.wait(after: response(403, ["retry-after": "0"]), attempt: 2, now: now) == 0)
        #expect(policy.wait(after: response(403, ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1000030"]), attempt: 1, now: now) == 30)
        #expect(policy.wait(after: response(403, ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1003600"]), attempt: 1, now: now) == nil, "an hour is not waited")
        #expect(policy.wait(after: response(403, [:], #"{"message": "You have exceeded a secondary rate limit."}"#), attempt: 1, now: now) == 1)
        for final in [200, 201, 304, 401, 403, 404, 422] {
            #expect(policy.wait(after: response(final), attempt: 1, now: now) == nil, "\(final)")
        }
    }

    @Test func sendWaitsThroughTheInjectedSleeper() async {
        let answers = Answers([response(502), response(403, ["Retry-After": "3"]), response(201)])
        let waits = Waits()
        let (outcome, attempts) = await RetryPolicy(initialBackoffSeconds: 0.5).send(
            HTTPRequest(method: "GET", url: URL(string: "https://api.example/x")!), through: { _ in await answers.next() }, sleep: { await waits.add($0) })
        #expect(attempts == 3 && outcome == response(201))
        #expect(await waits.all == [0.5, 3])
    }

    @Test func oneCommentIsKeptQuietByDefault() {
        let marker = CommentPlan.marker(id: "default")
        let ours = ThreadComment(id: 5, body: marker + "\n### ❌ old")
        let others = [ThreadComment(id: 1, body: "LGTM"), ThreadComment(id: 2, body: "quoting:\n" + marker), ThreadComment(id: 3, body: "<!-- regress-gate:nightly -->\nx")]
        #expect(CommentPlan.decide(existing: others, marker: marker, passes: false, when: .notPass, body: marker + "\nnew") == .create)
        #expect(CommentPlan.decide(existing: others + [ours], marker: marker, passes: false, when: .notPass, body: marker + "\nnew") == .update(id: 5))
        #expect(CommentPlan.decide(existing: others + [ours], marker: marker, passes: true, when: .notPass, body: marker + "\n✅") == .update(id: 5))
        #expect(CommentPlan.decide(existing: others + [ours, ThreadComment(id: 9, body: marker + "\nlater")], marker: marker, passes: false, when: .notPass, body: marker + "\nnew") == .update(id: 5))
        #expect(CommentPlan.decide(existing: others + [ours], marker: marker, passes: false, when: .notPass, body: ours.body) == .leaveAlone("the comment already says this"))
        guard case .leaveAlone = CommentPlan.decide(existing: others, marker: marker, passes: true, when: .notPass, body: "x") else { Issue.record("a PASS posted"); return }
        #expect(CommentPlan.decide(existing: others, marker: marker, passes: true, when: .always, body: "x") == .create)
        #expect(CommentPlan.isValidID("nightly-eval_2.1") && !CommentPlan.isValidID("x -->") && !CommentPlan.isValidID(""))
    }

    @Test func theGitHubContextComesFromTheEnvironment() throws {
        let event = Array(#"{"number": 12, "pull_request": {"number": 12}}"#.utf8)
        let env = ["GITHUB_REPOSITORY": "acme/rag", "GITHUB_EVENT_PATH": "/e.json", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "77"]
        let thread = try CommentThread.github(environment: env, eventPayload: { $0 == "/e.json" ? event : nil })
        #expect(thread == CommentThread(service: .github, apiURL: URL(string: "https://api.github.com")!, project: "acme/rag", number: 12, runURL: "https://github.com/acme/rag/actions/runs/77"))
        #expect(thread.listURL.absoluteString == "https://api.github.com/repos/acme/rag/issues/12/comments?per_page=100")
        #expect(thread.update(5) == ("PATCH", URL(string: "https://api.github.com/repos/acme/rag/issues/comments/5")!))
        let fromRef = try CommentThread.github(environment: ["GITHUB_REPOSITORY": "acme/rag", "GITHUB_REF": "refs/pull/3/merge", "GITHUB_API_URL": "https://ghe.example/api/v3/"], eventPayload: { _ in nil })
        #expect(fromRef.number == 3 && fromRef.listURL.absoluteString == "https://ghe.example/api/v3/repos/acme/rag/issues/3/comments?per_page=100")
        #expect(throws: CommentContextError.noPullRequest) { try CommentThread.github(environment: ["GITHUB_REPOSITORY": "a/b", "GITHUB_REF": "refs/heads/main"], eventPayload: { _ in nil }) }
        #expect(throws: CommentContextError.noRepository) { try CommentThread.github(environment: [:], eventPayload: { _ in nil }, number: 1) }
        #expect(throws: CommentContextError.badRepository("a/../b")) { try CommentThread.github(environment: [:], eventPayload: { _ in nil }, repository: "a/../b", number: 1) }
        #expect(throws: CommentContextError.badAPIURL(variable: "GITHUB_API_URL")) { try CommentThread.github(environment: ["GITHUB_API_URL": "file:///x"], eventPayload: { _ in nil }, repository: "a/b", number: 1) }
        #expect(CommentThread.pullRequestNumber(event: Array(#"{"issue": {"number": 4, "pull_request": {}}}"#.utf8)) == 4)
        #expect(CommentThread.pullRequestNumber(event: Array(#"{"issue": {"number": 4}}"#.utf8)) == nil)
    }

    @Test func theGitLabContextAndEndpoints() throws {
        let thread = try CommentThread.gitlab(environment: ["CI_API_V4_URL": "https://gitlab.example/api/v4", "CI_PROJECT_ID": "42", "CI_MERGE_REQUEST_IID": "8"])
        #expect(thread.listURL.absoluteString == "https://gitlab.example/api/v4/projects/42/merge_requests/8/notes?per_page=100&sort=asc&order_by=created_at")
        #expect(thread.update(3) == ("PUT", URL(string: "https://gitlab.example/api/v4/projects/42/merge_requests/8/notes/3")!))
        #expect(thread.headers(token: "t0k").contains { $0.name == "PRIVATE-TOKEN" && $0.value == "t0k" })
        #expect(throws: CommentContextError.noMergeRequest) { try CommentThread.gitlab(environment: ["CI_PROJECT_ID": "42"]) }
        #expect(try CommentThread.gitlab(environment: [:], project: "group/sub project", number: 2).createURL.absoluteString == "https://gitlab.com/api/v4/projects/group%2Fsub%20project/merge_requests/2/notes")
    }

    @Test func theClientFollowsPagesOnlyOnItsOwnServerAndMasksTheToken() async throws {
        let thread = CommentThread(service: .github, apiURL: URL(string: "https://api.example")!, project: "o/r", number: 1)
        let seen = Requests()
        let client = CommentClient(thread: thread, token: "tok-SECRET-123", transport: { request in
            await seen.add(request)
            if request.url.query == "per_page=100" {
                return .response(HTTPResponse(status: 200, headers: ["Link": #"<https://evil.example/steal?page=2>; rel="next""#], body: Data(#"[{"id": 1, "body": "hi"}]"#.utf8)))
            }
            return .response(HTTPResponse(status: 422, body: Data(#"{"message": "token tok-SECRET-123 is\ninvalid"}"#.utf8)))
        }, policy: RetryPolicy(retries: 0), sleep: { _ in })
        #expect(try await client.comments() == [ThreadComment(id: 1, body: "hi")])
        #expect(await seen.all.map(\.url.host) == ["api.example"], "the token went to another host")
        do {
            _ = try await client.create(body: "x")
            Issue.record("a 422 was taken")
        } catch {
            #expect(error.description == "creating the comment failed: GitHub answered HTTP 422: token *** is invalid (1 attempt)")
        }
    }
}

/// Scripted outcomes, one per call.
private actor Answers {
    var outcomes: [HTTPOutcome]
    init(_ outcomes: [HTTPOutcome]) { self.outcomes = outcomes }
    func next() -> HTTPOutcome { outcomes.removeFirst() }
}

/// The waits a test's sleeper was asked for.
private actor Waits {
    var all: [Double] = []
    func add(_ seconds: Double) { all.append(seconds) }
}

/// The requests a fake transport saw.
private actor Requests {
    var all: [HTTPRequest] = []
    func add(_ request: HTTPRequest) { all.append(request) }
}
