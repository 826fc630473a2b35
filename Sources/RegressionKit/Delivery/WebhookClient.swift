import Foundation

/// What became of one webhook delivery.
package struct WebhookDelivery: Sendable, Equatable {
    /// The webhook answered 2xx.
    package var delivered: Bool
    /// Requests sent (1 + retries used).
    var attempts: Int
    /// The last HTTP status, nil when no answer came.
    var status: Int?
    /// Why it failed, in words, the URL masked; nil when delivered.
    package var failure: String?
}

/// Posts Slack-style messages (`{"text": ...}`) to an incoming webhook, with a timeout per
/// request and retries with exponential backoff on 429, 5xx and transport errors (timeouts
/// included), honouring `Retry-After`. Other answers (4xx) are final. Waiting costs no CPU; on
/// Linux a request goes through libcurl's easy interface (see `attempt`), which does not follow
/// redirects, so a 3xx answer is final there too.
///
/// The URL is a secret: messages name it only as `WebhookClient.mask(url)`.
/// ```swift
/// let client = WebhookClient(url: URL(string: "https://hooks.slack.com/services/T0/B0/abcd1234")!)
/// let result = await client.post(text: "🔴 *[regress-gate]* anomaly on 2026-11-10")
/// result.delivered
/// ```
package struct WebhookClient: Sendable {
    /// The webhook (a secret: show it only through `mask`).
    package var url: URL
    /// Seconds to wait for one answer.
    var timeoutSeconds: Double = 10
    /// Retries after the first attempt.
    var retries: Int = 3
    /// The first backoff in seconds; it doubles per retry, capped at `maxBackoffSeconds` (a
    /// `Retry-After` answer too).
    var initialBackoffSeconds: Double = 0.5
    var maxBackoffSeconds: Double = 30

    /// A client for `url`: `timeoutSeconds` per attempt, `retries` after the first.
    package init(url: URL, timeoutSeconds: Double = 10, retries: Int = 3) {
        self.url = url
        self.timeoutSeconds = timeoutSeconds
        self.retries = max(0, retries)
    }

    /// `scheme://host[:port]/…` and the last 4 characters of the path and query when it is
    /// longer than 8: enough to tell two webhooks apart, not enough to use one.
    ///
    /// `mask("https://hooks.slack.com/services/T0/B0/abcd1234")` is `https://hooks.slack.com/…1234`.
    package static func mask(_ url: URL) -> String {
        let scheme = url.scheme ?? "?"
        let host = url.host ?? "?"
        let port = url.port.map { ":\($0)" } ?? ""
        let rest = url.path + (url.query.map { "?" + $0 } ?? "")
        return "\(scheme)://\(host)\(port)/…" + (rest.count > 8 ? String(rest.suffix(4)) : "")
    }

    /// Posts `{"text": text}`; never throws: the result says what happened. Waiting for an
    /// answer, a timeout or a backoff uses no CPU.
    package func post(text: String) async -> WebhookDelivery {
        let body = Data(JSONValue.object(["text": .string(text)]).compact.utf8)
        var attempts = 0
        var status: Int?
        var failure = ""
        while true {
            attempts += 1
            var retryAfter: Double?
            switch await attempt(body) {
            case .status(let code, let retryAfterHeader):
                status = code
                if (200..<300).contains(code) {
                    return WebhookDelivery(delivered: true, attempts: attempts, status: code, failure: nil)
                }
                failure = "the webhook answered HTTP \(code)"
                guard code == 429 || code >= 500 else {
                    return WebhookDelivery(delivered: false, attempts: attempts, status: status, failure: failure)
                }
                retryAfter = retryAfterHeader.flatMap(Self.retryAfterSeconds)
            case .failed(let words):
                status = nil
                failure = words
            }
            guard attempts <= retries else {
                let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
                return WebhookDelivery(delivered: false, attempts: attempts, status: status, failure: "\(failure) (\(tries))")
            }
            let backoff = min(retryAfter ?? initialBackoffSeconds * pow(2, Double(attempts - 1)), maxBackoffSeconds)
            try? await Task.sleep(nanoseconds: UInt64(max(0, backoff) * 1e9))
        }
    }

    /// `Retry-After` as seconds: a number, or an HTTP date from now.
    static func retryAfterSeconds(_ value: String) -> Double? {
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }
}
