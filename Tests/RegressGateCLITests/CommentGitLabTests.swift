import Foundation
import Testing

/// `regress-gate comment` in a GitLab merge-request pipeline: one note kept current through the
/// notes API of an emulated GitLab (`GET …/notes` 100 a page with a `Link` header, `POST`, `PUT
/// …/notes/:id`, `PRIVATE-TOKEN`), detected from `GITLAB_CI=true`.
@Suite("regress-gate comment on GitLab", .serialized)
struct CommentGitLabTests {
    /// Notes of merge request !5 of project 42, as GitLab's REST API serves them.
    final class FakeGitLab: @unchecked Sendable {
        let token = "glpat-s3cr3tGitLabT0ken"
        private let lock = NSLock()
        private(set) var notes: [(id: Int, body: String)] = []
        private(set) var server: LocalHTTPServer!

        init(others: Int) throws {
            notes = (0..<others).map { (100 + $0, "note \($0)") }
            server = try LocalHTTPServer { [unowned self] request in self.answer(request) }
        }

        private func json(_ value: Any) -> String { String(decoding: try! JSONSerialization.data(withJSONObject: value), as: UTF8.self) }

        private func answer(_ request: LocalHTTPServer.Request) -> LocalHTTPServer.Reply {
            lock.lock()
            defer { lock.unlock() }
            guard request.headers["private-token"] == token else { return .answer(401, body: json(["message": "401 Unauthorized"])) }
            let parts = request.target.split(separator: "?", maxSplits: 1).map(String.init)
            let path = parts[0], query = parts.count > 1 ? parts[1] : ""
            let base = "/api/v4/projects/42/merge_requests/5/notes"
            func body() -> String? { (try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])?["body"] as? String }
            switch (request.method, path) {
            case ("GET", base):
                let page = Int(query.split(separator: "&").first { $0.hasPrefix("page=") }?.dropFirst(5) ?? "1") ?? 1
                let pages = max(1, (notes.count + 99) / 100)
                var headers: [String: String] = ["X-Total-Pages": "\(pages)"]
                if page < pages { headers["Link"] = "<\(server.baseURL)\(base)?order_by=created_at&page=\(page + 1)&per_page=100&sort=asc>; rel=\"next\"" }
                return .answer(200, headers: headers, body: json(notes.dropFirst((page - 1) * 100).prefix(100).map { ["id": $0.id, "body": $0.body, "system": false] }))
            case ("POST", base):
                guard let text = body() else { return .answer(400, body: json(["error": "body is missing"])) }
                notes.append((1000 + notes.count, text))
                return .answer(201, body: json(["id": notes.last!.id, "body": text]))
            case ("PUT", let p) where p.hasPrefix(base + "/"):
                guard let id = Int(p.dropFirst(base.count + 1)), let i = notes.firstIndex(where: { $0.id == id }), let text = body() else {
                    return .answer(404, body: json(["message": "404 Not found"]))
                }
                notes[i].body = text
                return .answer(200, body: json(["id": id, "body": text]))
            default:
                return .answer(404, body: json(["message": "404 Not found"]))
            }
        }
    }

    func environment(_ gitlab: FakeGitLab) -> [String: String] {
        ["GITLAB_CI": "true", "CI_API_V4_URL": gitlab.server.baseURL + "/api/v4", "CI_PROJECT_ID": "42", "CI_MERGE_REQUEST_IID": "5",
         "CI_JOB_URL": "https://gitlab.example/acme/rag/-/jobs/99", "GITLAB_TOKEN": gitlab.token, "REGRESS_GATE_BACKOFF_SECONDS": "0.01",
         "GITHUB_REPOSITORY": "", "GITHUB_EVENT_PATH": "", "GITHUB_REF": "", "GITHUB_TOKEN": ""]
    }

    @Test func aRegressionMakesOneNoteAndAPassUpdatesIt() throws {
        let dir = temporaryDirectory()
        let gitlab = try FakeGitLab(others: 120)
        defer { gitlab.server.stop() }
        let regressed = dir.appendingPathComponent("v3.json").path, passing = dir.appendingPathComponent("v2.json").path
        _ = try gate(["check", "--logs", fixture("requests.jsonl"), "--candidate", "v3", "--report", "json=\(regressed)"])
        _ = try gate(["check", "--logs", fixture("requests.jsonl"), "--candidate", "v2", "--report", "json=\(passing)"])

        let first = try gate(["comment", "--report", regressed], environment: environment(gitlab))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "created comment 1120 on merge request !5 of project 42 (REGRESSION_DETECTED)\n")
        #expect(gitlab.server.receivedRequests.map(\.method) == ["GET", "GET", "POST"])
        #expect(gitlab.notes.count == 121 && gitlab.notes.last!.body.hasPrefix("<!-- regress-gate:default -->\n### ❌ regress-gate: REGRESSION_DETECTED"))
        #expect(gitlab.notes.last!.body.contains("[The run](<https://gitlab.example/acme/rag/-/jobs/99>)"))

        let fixed = try gate(["comment", "--report", passing], environment: environment(gitlab))
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(gitlab.server.receivedRequests.last?.method == "PUT")
        #expect(gitlab.notes.count == 121 && gitlab.notes.last!.body.contains("### ✅ regress-gate: PASS"))
        #expect(!(first.stdout + first.stderr + fixed.stdout + fixed.stderr).contains("s3cr3t"))
    }

    @Test func outsideAMergeRequestPipelineItExitsTwo() throws {
        let gitlab = try FakeGitLab(others: 0)
        defer { gitlab.server.stop() }
        var env = environment(gitlab)
        env["CI_MERGE_REQUEST_IID"] = ""
        let dir = temporaryDirectory(), report = dir.appendingPathComponent("v3.json").path
        _ = try gate(["check", "--logs", fixture("requests.jsonl"), "--candidate", "v3", "--report", "json=\(report)"])
        let run = try gate(["comment", "--report", report], environment: env)
        #expect(run.status == 2 && run.stderr.contains("not in a merge request pipeline"), "\(run.stderr)")
        #expect(gitlab.server.receivedRequests.isEmpty)
    }
}
