import Foundation

/// GitHub's issue-comment REST endpoints, emulated on a `LocalHTTPServer` as GitHub answers them:
/// `GET /repos/{o}/{r}/issues/{n}/comments?per_page=100&page=k` with a `Link` header naming
/// the next and last pages, `POST` the same path (201 with the comment), `PATCH
/// /repos/{o}/{r}/issues/comments/{id}` (200, or 404 for a comment it does not have), 401 with
/// "Bad credentials" without the right `Authorization: Bearer`, and scripted failures answered
/// before any of these.
final class FakeGitHub: @unchecked Sendable {
    let repository: String
    let number: Int
    let token: String
    private let lock = NSLock()
    private(set) var server: LocalHTTPServer!
    private var comments: [(id: Int, body: String, user: String)] = []
    private var nextID = 1000
    private var failures: [LocalHTTPServer.Reply] = []

    init(repository: String = "acme/rag", number: Int = 7, token: String = "ghs_s3cr3tT0kenV4lue") throws {
        self.repository = repository
        self.number = number
        self.token = token
        server = try LocalHTTPServer { [unowned self] request in self.answer(request) }
    }

    deinit { server.stop() }

    /// `GITHUB_API_URL` for this server.
    var apiURL: String { server.baseURL }

    /// Adds `count` comments by other people (so the gate's own lands on a later page).
    func addOthers(_ count: Int) {
        lock.withLock { for i in 0..<count { nextID += 1; comments.append((nextID, "LGTM \(i)", "octocat")) } }
    }

    /// Adds a comment as if posted earlier; its id.
    @discardableResult func add(_ body: String) -> Int {
        lock.withLock { nextID += 1; comments.append((nextID, body, "github-actions[bot]")); return nextID }
    }

    /// Answers these before serving anything (the next request gets the first).
    func fail(with replies: [LocalHTTPServer.Reply]) { lock.withLock { failures += replies } }

    /// Comments' bodies now, oldest first.
    var bodies: [String] { lock.withLock { comments.map(\.body) } }

    var requests: [LocalHTTPServer.Request] { server.receivedRequests }

    private func json(_ value: Any) -> String { String(decoding: try! JSONSerialization.data(withJSONObject: value), as: UTF8.self) }

    private func commentJSON(_ c: (id: Int, body: String, user: String)) -> [String: Any] {
        ["id": c.id, "body": c.body, "user": ["login": c.user], "html_url": "https://github.com/\(repository)/pull/\(number)#issuecomment-\(c.id)"]
    }

    private func answer(_ request: LocalHTTPServer.Request) -> LocalHTTPServer.Reply {
        lock.lock()
        defer { lock.unlock() }
        if !failures.isEmpty { return failures.removeFirst() }
        guard request.headers["authorization"] == "Bearer \(token)" else {
            return .answer(401, body: json(["message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"]))
        }
        let path = request.target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        let query = request.target.contains("?") ? String(request.target.split(separator: "?", maxSplits: 1)[1]) : ""
        let parameters = Dictionary(query.split(separator: "&").map { pair -> (String, String) in
            let kv = pair.split(separator: "=", maxSplits: 1); return (String(kv[0]), kv.count > 1 ? String(kv[1]) : "")
        }) { $1 }
        let list = "/repos/\(repository)/issues/\(number)/comments"
        switch (request.method, path) {
        case ("GET", list):
            let perPage = min(Int(parameters["per_page"] ?? "30") ?? 30, 100)
            let page = Int(parameters["page"] ?? "1") ?? 1
            let pages = max(1, (comments.count + perPage - 1) / perPage)
            let slice = comments.dropFirst((page - 1) * perPage).prefix(perPage)
            var headers: [String: String] = [:]
            if page < pages {
                headers["Link"] = "<\(apiURL)\(list)?per_page=\(perPage)&page=\(page + 1)>; rel=\"next\", <\(apiURL)\(list)?per_page=\(perPage)&page=\(pages)>; rel=\"last\""
            }
            return .answer(200, headers: headers, body: json(slice.map(commentJSON)))
        case ("POST", list):
            guard let body = (try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])?["body"] as? String else {
                return .answer(422, body: json(["message": "Validation Failed"]))
            }
            nextID += 1
            comments.append((nextID, body, "github-actions[bot]"))
            return .answer(201, body: json(commentJSON(comments.last!)))
        case ("PATCH", let p) where p.hasPrefix("/repos/\(repository)/issues/comments/"):
            guard let id = Int(p.split(separator: "/").last ?? ""), let i = comments.firstIndex(where: { $0.id == id }) else {
                return .answer(404, body: json(["message": "Not Found"]))
            }
            guard let body = (try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])?["body"] as? String else {
                return .answer(422, body: json(["message": "Validation Failed"]))
            }
            comments[i].body = body
            return .answer(200, body: json(commentJSON(comments[i])))
        default:
            return .answer(404, body: json(["message": "Not Found"]))
        }
    }
}
