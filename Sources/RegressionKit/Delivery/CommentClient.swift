import Foundation

/// A request to the comment API that did not succeed: the HTTP status and the service's own
/// `message` when it answered, else the transport's words. Never holds the token.
package struct CommentDeliveryError: Error, Equatable, CustomStringConvertible {
    package var service: CommentThread.Service
    /// What was being done: "listing comments", "creating the comment", "updating comment 7".
    package var action: String
    /// The last HTTP status, nil when no answer came.
    package var status: Int?
    /// The service's message (GitHub's `message`, GitLab's `message` or `error`), or the transport's words.
    package var message: String
    package var attempts: Int

    package var description: String {
        let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
        let answer = status.map { "\(service.rawValue) answered HTTP \($0)" + (message.isEmpty ? "" : ": \(message)") } ?? "no answer from \(service.rawValue): \(message)"
        return "\(action) failed: \(answer) (\(tries))"
    }
}

/// What `CommentClient.publish` did.
package enum CommentOutcome: Sendable, Equatable {
    case created(id: Int)
    case updated(id: Int)
    case leftAlone(String)
}

/// Lists, creates and updates a pull request's (or merge request's) comments through the
/// service's REST API, retrying as `policy` says. The token is sent in a header and appears in
/// no error: whatever an answer quotes of it is masked.
package struct CommentClient: Sendable {
    package var thread: CommentThread
    private var token: String
    package var transport: HTTPTransport
    package var policy: RetryPolicy
    package var sleep: Sleeper
    /// The most pages of comments read (100 each): a bound on a hostile `Link` chain.
    package var maxPages = 100

    package init(thread: CommentThread, token: String, transport: @escaping HTTPTransport, policy: RetryPolicy = RetryPolicy(), sleep: @escaping Sleeper = realSleeper) {
        self.thread = thread
        self.token = token
        self.transport = transport
        self.policy = policy
        self.sleep = sleep
    }

    /// Finds the gate's comment by `marker`, then creates, updates or leaves it as `CommentPlan` decides.
    package func publish(body: String, marker: String, passes: Bool, when: CommentWhen) async throws(CommentDeliveryError) -> CommentOutcome {
        let existing = try await comments()
        switch CommentPlan.decide(existing: existing, marker: marker, passes: passes, when: when, body: body) {
        case .create: return .created(id: try await create(body: body))
        case .update(let id): try await update(id: id, body: body); return .updated(id: id)
        case .leaveAlone(let why): return .leftAlone(why)
        }
    }

    /// Every comment on the thread, oldest first, following `Link: <…>; rel="next"` page by page.
    package func comments() async throws(CommentDeliveryError) -> [ThreadComment] {
        var url: URL? = thread.listURL
        var all: [ThreadComment] = []
        var pages = 0
        while let next = url, pages < maxPages {
            pages += 1
            let response = try await send(HTTPRequest(method: "GET", url: next, headers: thread.headers(token: token)), action: "listing comments")
            guard case .array(let items)? = try? JSONValue.parse(Array(response.body)) else {
                throw CommentDeliveryError(service: thread.service, action: "listing comments", status: response.status, message: "the answer is not a JSON list", attempts: 1)
            }
            for case .object(let item) in items {
                guard case .number(let idText)? = item["id"], let id = Int(idText) else { continue }
                guard case .string(let body)? = item["body"] else { continue }
                all.append(ThreadComment(id: id, body: body))
            }
            // The next page only on the API's own server: the token goes nowhere else.
            url = response.header("link").flatMap { LinkHeader.url($0) }.flatMap { thread.isOwnServer($0) ? $0 : nil }
        }
        return all
    }

    /// Creates a comment; its id.
    package func create(body: String) async throws(CommentDeliveryError) -> Int {
        let response = try await send(request("POST", thread.createURL, body: body), action: "creating the comment")
        guard case .object(let created)? = try? JSONValue.parse(Array(response.body)), case .number(let text)? = created["id"], let id = Int(text) else { return 0 }
        return id
    }

    /// Replaces comment `id`'s text.
    package func update(id: Int, body: String) async throws(CommentDeliveryError) {
        let (method, url) = thread.update(id)
        _ = try await send(request(method, url, body: body), action: "updating comment \(id)")
    }

    private func request(_ method: String, _ url: URL, body: String) -> HTTPRequest {
        HTTPRequest(method: method, url: url, headers: thread.headers(token: token) + [("Content-Type", "application/json")],
                    body: Data(JSONValue.object(["body": .string(body)]).compact.utf8))
    }

    /// Sends with retries; the 2xx answer, or an error with the status and the service's message.
    private func send(_ request: HTTPRequest, action: String) async throws(CommentDeliveryError) -> HTTPResponse {
        let (outcome, attempts) = await policy.send(request, through: transport, sleep: sleep)
        switch outcome {
        case .response(let response) where (200..<300).contains(response.status):
            return response
        case .response(let response):
            throw CommentDeliveryError(service: thread.service, action: action, status: response.status, message: masked(Self.message(response.body)), attempts: attempts)
        case .failed(let words):
            throw CommentDeliveryError(service: thread.service, action: action, status: nil, message: masked(words), attempts: attempts)
        }
    }

    /// `text` with the token masked, should an answer ever quote it.
    private func masked(_ text: String) -> String {
        token.count < 4 ? text : text.replacingOccurrences(of: token, with: "***")
    }

    /// The service's explanation in an error answer: GitHub's and GitLab's `message` (a string,
    /// or GitLab's object of field errors), GitLab's `error`; at most 300 characters, one line.
    static func message(_ body: Data) -> String {
        var text = ""
        if case .object(let members)? = try? JSONValue.parse(Array(body.prefix(1 << 20))) {
            switch members["message"] ?? members["error"] {
            case .string(let s)?: text = s
            case let value?: text = value.compact
            case nil: break
            }
        }
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }
}
