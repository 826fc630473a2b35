import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(CCurlPost)   // absent where the sources are compiled alone (scripts/fuzz): URLSession then
internal import CCurlPost
#endif

/// What one request to a webhook came to: an answer, or a transport failure in words.
enum WebhookAnswer: Sendable, Equatable {
    /// The server answered with this status and, maybe, a `Retry-After` value.
    case status(Int, retryAfter: String?)
    /// No answer: timed out, refused, not found, ... (the URL masked).
    case failed(String)
}

extension WebhookClient {
    /// Posts `body` once and waits for the answer or the timeout without using the CPU.
    ///
    /// On Linux through libcurl's easy interface on a thread of its own: FoundationNetworking's
    /// URLSession keeps a Dispatch write source armed after connecting, and it fires without
    /// pause while the server is slow to answer (over 100 % CPU for a 5 s timeout). Elsewhere,
    /// and where libcurl cannot be loaded, through URLSession.
    func attempt(_ body: Data) async -> WebhookAnswer {
        #if os(Linux) && canImport(CCurlPost)
        if ccurl_post_available() != 0 { return await attemptWithCurl(body) }
        #endif
        return await attemptWithURLSession(body)
    }

    #if canImport(CCurlPost)
    private func attemptWithCurl(_ body: Data) async -> WebhookAnswer {
        let url = url.absoluteString
        let timeoutMS = Int(min(max(timeoutSeconds, 0.001), 86_400) * 1000)
        let result: ccurl_post_result = await withCheckedContinuation { continuation in
            // A thread of its own: curl_easy_perform blocks, and the concurrency pool must not.
            Thread {
                let result = body.withUnsafeBytes { bytes in
                    ccurl_post(url, bytes.baseAddress, bytes.count, "Content-Type: application/json", timeoutMS)
                }
                continuation.resume(returning: result)
            }.start()
        }
        if result.code == 0 {
            let retryAfter = Self.cString(result.retry_after)
            return .status(result.status, retryAfter: retryAfter.isEmpty ? nil : retryAfter)
        }
        let words: String
        switch result.code {
        case 28: words = timedOut   // CURLE_OPERATION_TIMEDOUT
        case 7: words = "connection refused"   // CURLE_COULDNT_CONNECT
        case 6: words = "host not found"   // CURLE_COULDNT_RESOLVE_HOST
        default:
            let detail = Self.cString(result.error)
            words = "network error \(result.code)" + (detail.isEmpty ? "" : ": \(detail)")
        }
        return .failed(masked(words))
    }
    #endif

    private func attemptWithURLSession(_ body: Data) async -> WebhookAnswer {
        let session = URLSession.ephemeral(timeoutSeconds: timeoutSeconds)
        defer { session.finishTasksAndInvalidate() }
        var request = URLRequest(url: url, timeoutInterval: timeoutSeconds)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = body
        do {
            let (_, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else { return .failed("an answer that is not HTTP") }
            return .status(http.statusCode, retryAfter: http.value(forHTTPHeaderField: "Retry-After"))
        } catch let e as URLError {
            switch e.code {
            case .timedOut: return .failed(timedOut)
            case .cannotConnectToHost: return .failed("connection refused")
            case .cannotFindHost, .dnsLookupFailed: return .failed("host not found")
            case .notConnectedToInternet: return .failed("no network")
            default: return .failed(masked("network error \(e.code.rawValue): \(e.localizedDescription)"))
            }
        } catch {
            return .failed(masked(error.localizedDescription))
        }
    }

    private var timedOut: String { "no answer within \(AnomalyCheck.number(timeoutSeconds)) s (timed out)" }

    /// `text` with the URL, a secret, masked.
    private func masked(_ text: String) -> String {
        text.replacingOccurrences(of: url.absoluteString, with: Self.mask(url))
    }

    /// A NUL-terminated C character array as a String.
    private static func cString<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
