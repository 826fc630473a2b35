import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 at a random port, for webhook and API tests: it records
/// each request and answers with the next scripted reply (the last one repeats), or with what
/// a handler makes of the request (an emulated API).
final class LocalHTTPServer: @unchecked Sendable {
    enum Reply {
        /// Answer with this status (and headers), body "ok".
        case status(Int, headers: [String: String] = [:])
        /// Answer with this status, headers and body.
        case answer(Int, headers: [String: String] = [:], body: String)
        /// Read the request and never answer (the connection stays open until `stop`).
        case silence
    }

    /// A request as received: method, target (path and query), headers (names lower-cased), body.
    struct Request: Sendable {
        var method: String
        var target: String
        var headers: [String: String]
        var body: String
    }

    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var replies: [Reply]
    private let handler: (@Sendable (Request) -> Reply)?
    private var requests: [Request] = []
    private var held: [Int32] = []
    private var stopped = false

    /// A server that answers `replies` in order, the last one repeating.
    convenience init(replies: [Reply]) throws { try self.init(replies: replies, handler: nil) }

    /// A server that answers each request with what `handler` makes of it.
    convenience init(handler: @escaping @Sendable (Request) -> Reply) throws { try self.init(replies: [], handler: handler) }

    private init(replies: [Reply], handler: (@Sendable (Request) -> Reply)?) throws {
        self.replies = replies
        self.handler = handler
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { close(listener); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        self.listener = listener
        Thread { [self] in serve() }.start()
    }

    /// A webhook URL on this server whose secret part is `secret`.
    func url(secret: String = "T000/B000/s3cr3tToken42") -> String { "http://127.0.0.1:\(port)/services/\(secret)" }

    /// Request bodies received, in order.
    var receivedBodies: [String] { lock.withLock { requests.map(\.body) } }

    /// Requests received, in order.
    var receivedRequests: [Request] { lock.withLock { requests } }

    /// The server's root URL, `http://127.0.0.1:PORT`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    func stop() {
        lock.withLock {
            stopped = true
            for fd in held { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }
            held = []
        }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 { if lock.withLock({ stopped }) { return } else { continue } }
            let request = readRequest(fd) ?? Request(method: "", target: "", headers: [:], body: "")
            let reply: Reply = lock.withLock {
                requests.append(request)
                if handler != nil { return .silence }
                return replies.count > 1 ? replies.removeFirst() : (replies.first ?? .status(200))
            }
            let answer = handler.map { $0(request) } ?? reply
            switch answer {
            case .silence:
                lock.withLock { held.append(fd) }
            case .status(let code, let headers), .answer(let code, let headers, _):
                var body = "ok"
                if case .answer(_, _, let text) = answer { body = text }
                var head = "HTTP/1.1 \(code) Scripted\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n"
                for (k, v) in headers { head += "\(k): \(v)\r\n" }
                let bytes = Array((head + "\r\n" + body).utf8)
                _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(fd)
            }
        }
    }

    /// Reads the request line, headers and a Content-Length body.
    private func readRequest(_ fd: Int32) -> Request? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var expected: Int?
        var headerEnd: Int?
        while true {
            if let end = headerEnd, let length = expected, data.count >= end + length {
                let lines = String(decoding: data[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
                let requestLine = lines.first?.split(separator: " ") ?? []
                var headers: [String: String] = [:]
                for line in lines.dropFirst() {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                return Request(method: requestLine.first.map(String.init) ?? "", target: requestLine.count > 1 ? String(requestLine[1]) : "",
                               headers: headers, body: String(decoding: data[end..<(end + length)], as: UTF8.self))
            }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            data.append(contentsOf: buffer[0..<n])
            if headerEnd == nil, let range = findHeaderEnd(data) {
                headerEnd = range
                let head = String(decoding: data[0..<range], as: UTF8.self).lowercased()
                expected = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            }
        }
    }

    private func findHeaderEnd(_ data: [UInt8]) -> Int? {
        guard data.count >= 4 else { return nil }
        for i in 0...(data.count - 4) where data[i] == 13 && data[i + 1] == 10 && data[i + 2] == 13 && data[i + 3] == 10 {
            return i + 4
        }
        return nil
    }
}
