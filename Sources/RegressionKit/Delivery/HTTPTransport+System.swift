import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(CCurlPost)   // absent where the sources are compiled alone (scripts/fuzz): URLSession then
internal import CCurlPost
#endif

/// The transport that reaches the network: on Linux libcurl's easy interface (see `CCurlPost.c`:
/// FoundationNetworking's URLSession spins a core while a server is slow to answer), elsewhere
/// and where libcurl cannot be loaded URLSession, as the webhook client does.
package enum SystemHTTP {
    /// The largest answer kept: a page of 100 comments of up to 65 536 characters each, with room to spare.
    static let maxBody = 32 << 20

    /// A transport that waits at most `timeoutSeconds` for each exchange.
    package static func transport(timeoutSeconds: Double) -> HTTPTransport {
        { request in
            #if os(Linux) && canImport(CCurlPost)
            if ccurl_post_available() != 0 { return await withCurl(request, timeoutSeconds: timeoutSeconds) }
            #endif
            return await withURLSession(request, timeoutSeconds: timeoutSeconds)
        }
    }

    #if canImport(CCurlPost)
    private static func withCurl(_ request: HTTPRequest, timeoutSeconds: Double) async -> HTTPOutcome {
        let timeoutMS = Int(min(max(timeoutSeconds, 0.001), 86_400) * 1000)
        let headerLines = request.headers.map { "\($0.name): \($0.value)" }
        return await withCheckedContinuation { continuation in
            // A thread of its own: curl_easy_perform blocks, and the concurrency pool must not.
            Thread {
                var result = withCStrings(headerLines) { pointers in
                    pointers.withUnsafeBufferPointer { lines in
                        if let body = request.body {
                            return body.withUnsafeBytes { bytes in
                                // A zero-length body still needs a non-NULL pointer to be a body.
                                ccurl_request(request.method, request.url.absoluteString, lines.baseAddress, lines.count,
                                              bytes.baseAddress ?? UnsafeRawPointer(("" as StaticString).utf8Start), bytes.count, timeoutMS, maxBody)
                            }
                        }
                        return ccurl_request(request.method, request.url.absoluteString, lines.baseAddress, lines.count, nil, 0, timeoutMS, maxBody)
                    }
                }
                defer { ccurl_response_free(&result) }
                guard result.code == 0 else {
                    let detail = withUnsafeBytes(of: result.error) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                    let words: String
                    switch result.code {
                    case 28: words = "no answer within \(AnomalyCheck.number(timeoutSeconds)) s (timed out)"
                    case 7: words = "connection refused"
                    case 6: words = "host not found"
                    case 23: words = "an answer over \(maxBody >> 20) MB"
                    default: words = "network error \(result.code)" + (detail.isEmpty ? "" : ": \(detail)")
                    }
                    continuation.resume(returning: .failed(words))
                    return
                }
                let headers = result.headers.map { String(cString: $0) } ?? ""
                let body = result.body.map { Data(bytes: $0, count: result.body_length) } ?? Data()
                continuation.resume(returning: .response(HTTPResponse(status: result.status, headers: HTTPResponse.headers(fromLines: headers), body: body)))
            }.start()
        }
    }

    /// Runs `body` with C strings of `strings`, valid only during the call.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return body(copies.map { UnsafePointer($0) })
    }
    #endif

    private static func withURLSession(_ request: HTTPRequest, timeoutSeconds: Double) async -> HTTPOutcome {
        let session = URLSession.ephemeral(timeoutSeconds: timeoutSeconds)
        defer { session.finishTasksAndInvalidate() }
        var urlRequest = URLRequest(url: request.url, timeoutInterval: timeoutSeconds)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        do {
            let (data, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else { return .failed("an answer that is not HTTP") }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
            }
            return .response(HTTPResponse(status: http.statusCode, headers: headers, body: data))
        } catch let e as URLError {
            switch e.code {
            case .timedOut: return .failed("no answer within \(AnomalyCheck.number(timeoutSeconds)) s (timed out)")
            case .cannotConnectToHost: return .failed("connection refused")
            case .cannotFindHost, .dnsLookupFailed: return .failed("host not found")
            default: return .failed("network error \(e.code.rawValue)")
            }
        } catch {
            return .failed("network error")
        }
    }
}

extension URLSession {
    /// A session for one delivery: nothing cached or stored, no proxy, `timeoutSeconds` for the
    /// whole exchange (the webhook and the comment clients' URLSession path).
    static func ephemeral(timeoutSeconds: Double) -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        configuration.timeoutIntervalForResource = timeoutSeconds
        configuration.connectionProxyDictionary = [:]
        return URLSession(configuration: configuration)
    }
}
