import Foundation

/// When to try a request to an API again, and how long to wait first.
///
/// Retried: no answer (a timeout, a refused connection), 5xx, 429, and GitHub's rate limits,
/// which come as 403 (or 429) with `Retry-After` (a secondary limit), with
/// `x-ratelimit-remaining: 0` and `x-ratelimit-reset` (the primary one), or with a message that
/// names a secondary rate limit. The wait is what the server asks for, else an exponential
/// backoff; a wait longer than `maxWaitSeconds` is not waited: the request fails instead (a CI
/// job should not sit for an hour on a reset time). Other answers are final.
package struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt.
    package var retries: Int
    /// The first backoff; it doubles on each retry.
    package var initialBackoffSeconds: Double
    /// The longest wait taken before a retry.
    package var maxWaitSeconds: Double

    package init(retries: Int = 4, initialBackoffSeconds: Double = 1, maxWaitSeconds: Double = 60) {
        self.retries = max(0, retries)
        self.initialBackoffSeconds = max(0, initialBackoffSeconds)
        self.maxWaitSeconds = max(0, maxWaitSeconds)
    }

    /// Seconds to wait before trying again after `outcome` of attempt number `attempt` (1 for
    /// the first), or nil when `outcome` is final. `now` is the clock, for `x-ratelimit-reset`.
    package func wait(after outcome: HTTPOutcome, attempt: Int, now: Date) -> Double? {
        guard attempt <= retries else { return nil }
        let backoff = initialBackoffSeconds * pow(2, Double(attempt - 1))
        let asked: Double?
        switch outcome {
        case .failed:
            asked = nil
        case .response(let response):
            let status = response.status
            if let retryAfter = response.header("retry-after").flatMap(WebhookClient.retryAfterSeconds), status == 403 || status == 429 || status >= 500 {
                asked = retryAfter
            } else if status == 403 || status == 429, response.header("x-ratelimit-remaining") == "0",
                      let reset = response.header("x-ratelimit-reset").flatMap(Double.init) {
                asked = max(0, reset - now.timeIntervalSince1970)
            } else if status >= 500 || status == 429 || (status == 403 && Self.namesSecondaryRateLimit(response.body)) {
                asked = nil
            } else {
                return nil   // 2xx, 3xx, 4xx: final
            }
        }
        let seconds = asked ?? min(backoff, maxWaitSeconds)
        return seconds <= maxWaitSeconds ? seconds : nil
    }

    /// Whether a 403's body says it is GitHub's secondary rate limit ("You have exceeded a secondary rate limit").
    static func namesSecondaryRateLimit(_ body: Data) -> Bool {
        String(decoding: body.prefix(4096), as: UTF8.self).lowercased().contains("secondary rate limit")
    }
}

extension RetryPolicy {
    /// Sends `request` through `transport`, retrying as the policy says, sleeping through
    /// `sleep`: the last outcome and how many attempts it took.
    package func send(_ request: HTTPRequest, through transport: HTTPTransport, sleep: Sleeper,
                      now: @Sendable () -> Date = Date.init) async -> (outcome: HTTPOutcome, attempts: Int) {
        var attempt = 0
        while true {
            attempt += 1
            let outcome = await transport(request)
            if case .response(let r) = outcome, (200..<300).contains(r.status) { return (outcome, attempt) }
            guard let seconds = wait(after: outcome, attempt: attempt, now: now()) else { return (outcome, attempt) }
            await sleep(seconds)
        }
    }
}
