import Foundation

/// One HTTP request to an API (GitHub's, GitLab's): what the comment client sends.
///
/// Its headers may carry a token: a request is never printed, logged or put in an error.
package struct HTTPRequest: Sendable, Equatable {
    /// `GET`, `POST`, `PATCH`, `PUT`.
    package var method: String
    package var url: URL
    /// Header lines as sent, in order.
    package var headers: [(name: String, value: String)]
    /// The body, nil for none (a GET).
    package var body: Data?

    package init(method: String, url: URL, headers: [(name: String, value: String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    package static func == (a: HTTPRequest, b: HTTPRequest) -> Bool {
        a.method == b.method && a.url == b.url && a.body == b.body
            && a.headers.map { "\($0.name): \($0.value)" } == b.headers.map { "\($0.name): \($0.value)" }
    }
}

/// An API's answer: status, headers (names lower-cased; a repeated header's last value) and body.
package struct HTTPResponse: Sendable, Equatable {
    package var status: Int
    package var headers: [String: String]
    package var body: Data

    package init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { $1 }
        self.body = body
    }

    /// The value of header `name`, whatever its case.
    package func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// Header lines as libcurl hands them over (`Name: value\r\n` each) as a dictionary.
    static func headers(fromLines text: String) -> [String: String] {
        var headers: [String: String] = [:]
        for line in text.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }
}

/// What one request came to: an answer, or no answer (a transport failure, in words).
package enum HTTPOutcome: Sendable, Equatable {
    case response(HTTPResponse)
    case failed(String)
}

/// Sends one request and waits for its outcome; never throws. Tests hand in a fake.
package typealias HTTPTransport = @Sendable (HTTPRequest) async -> HTTPOutcome

/// Waits this many seconds; tests hand in one that records the wait and returns at once.
package typealias Sleeper = @Sendable (Double) async -> Void

/// The real sleeper: waits without using the CPU.
package let realSleeper: Sleeper = { seconds in
    try? await Task.sleep(nanoseconds: UInt64(max(0, min(seconds, 3600)) * 1e9))
}
