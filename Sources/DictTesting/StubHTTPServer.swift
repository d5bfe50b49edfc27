package import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1 (ephemeral port, loopback only) answering from a script, for tests of HTTP
/// clients against a real socket: scripted responses are used in order, then `defaultResponse`. Each connection
/// carries one request (`Connection: close`). Requests are recorded for inspection.
package final class StubHTTPServer: @unchecked Sendable {
    /// What the server does with one request.
    package enum Response: Sendable {
        /// A complete response with a body.
        case reply(status: Int, body: String, headers: [String: String] = [:])
        /// Read the request, then send nothing for `seconds` (or until `stop()`), then close: a client timeout.
        case hang(seconds: Double)
        /// Write these bytes verbatim and close (malformed HTTP).
        case raw(String)
        /// Wait `seconds` (a slow server), then answer with `response`.
        indirect case delayed(seconds: Double, Response)

        /// An OpenAI-style chat completion whose message content is `content`, with a `usage` field when counts given.
        package static func chatCompletion(content: String, promptTokens: Int? = nil, completionTokens: Int? = nil) -> Response {
            var object: [String: Any] = [
                "id": "chatcmpl-stub", "object": "chat.completion", "model": "stub",
                "choices": [["index": 0, "message": ["role": "assistant", "content": content], "finish_reason": "stop"]],
            ]
            if let promptTokens, let completionTokens {
                object["usage"] = ["prompt_tokens": promptTokens, "completion_tokens": completionTokens,
                                   "total_tokens": promptTokens + completionTokens]
            }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return .reply(status: 200, body: String(decoding: data, as: UTF8.self), headers: ["Content-Type": "application/json"])
        }
    }

    /// One received request.
    package struct Request: Sendable {
        /// The request method.
        package var method: String
        /// The request target.
        package var path: String
        /// Header names lower-cased.
        package var headers: [String: String]
        /// The request body (UTF-8).
        package var body: String
    }

    /// Errors starting the server.
    package enum StartError: Error, CustomStringConvertible {
        case socket(call: String, errno: Int32)

        package var description: String {
            switch self {
            case .socket(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
            }
        }
    }

    private let lock = NSLock()
    private let listener: Int32
    private var script: [Response] = []
    private var fallback: Response
    private var received: [Request] = []
    private var stopped = false

    /// The bound port.
    package let port: Int
    /// `http://127.0.0.1:<port>/v1`, an OpenAI-style base URL.
    package var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/v1")! }

    /// Binds 127.0.0.1 on an ephemeral port and starts accepting; `defaultResponse` answers once the script is used up.
    package init(defaultResponse: Response = .reply(status: 500, body: "{\"error\":\"no scripted response\"}")) throws {
        fallback = defaultResponse
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw StartError.socket(call: "socket", errno: errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw StartError.socket(call: "bind", errno: code)
        }
        guard listen(fd, 64) == 0 else {
            let code = errno
            close(fd)
            throw StartError.socket(call: "listen", errno: code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            close(fd)
            throw StartError.socket(call: "getsockname", errno: code)
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// Appends responses to the script.
    package func enqueue(_ responses: Response...) {
        lock.lock()
        script.append(contentsOf: responses)
        lock.unlock()
    }

    /// Replaces the response used once the script is empty.
    package func setDefaultResponse(_ response: Response) {
        lock.lock()
        fallback = response
        lock.unlock()
    }

    /// The requests received so far.
    package var requests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Waits until at least `count` requests arrived, or `timeout` seconds passed; returns whether they did.
    package func waitForRequests(_ count: Int, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if requests.count >= count { return true }
            usleep(10_000)
        }
        return requests.count >= count
    }

    /// Stops accepting and ends hanging responses; idempotent.
    package func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func acceptLoop() {
        while !isStopped {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            #if canImport(Darwin)
            var yes: Int32 = 1
            setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
            #endif
            let thread = Thread { [self] in handle(client) }
            thread.start()
        }
    }

    private func nextResponse() -> Response {
        lock.lock()
        defer { lock.unlock() }
        return script.isEmpty ? fallback : script.removeFirst()
    }

    private func handle(_ client: Int32) {
        defer { close(client) }
        guard let request = readRequest(client) else { return }
        lock.lock()
        received.append(request)
        lock.unlock()
        respond(nextResponse(), to: client)
    }

    private func respond(_ response: Response, to client: Int32) {
        switch response {
        case .reply(let status, let body, let headers):
            var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
            var allHeaders = headers
            allHeaders["Content-Length"] = String(body.utf8.count)
            allHeaders["Connection"] = "close"
            if allHeaders["Content-Type"] == nil { allHeaders["Content-Type"] = "application/json" }
            for (name, value) in allHeaders.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
            writeAll(client, Array((head + "\r\n" + body).utf8))
        case .hang(let seconds):
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline, !isStopped { usleep(20_000) }
        case .raw(let text):
            writeAll(client, Array(text.utf8))
        case .delayed(let seconds, let response):
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline, !isStopped { usleep(20_000) }
            if !isStopped { respond(response, to: client) }
        }
    }

    /// Reads the request line, headers and a `Content-Length` body (at most 1 MiB); nil on a broken request.
    private func readRequest(_ client: Int32) -> Request? {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while headerEnd == nil {
            let n = recv(client, &chunk, chunk.count, 0)
            guard n > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<n])
            if buffer.count > 1 << 20 { return nil }
            if buffer.count >= 4 {
                for i in 0...(buffer.count - 4) where Array(buffer[i..<(i + 4)]) == separator {
                    headerEnd = i
                    break
                }
            }
        }
        guard let end = headerEnd else { return nil }
        let headText = String(decoding: buffer[0..<end], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = min(Int(headers["content-length"] ?? "0") ?? 0, 1 << 20)
        var body = Array(buffer[(end + 4)...])
        while body.count < length {
            let n = recv(client, &chunk, chunk.count, 0)
            guard n > 0 else { return nil }
            body.append(contentsOf: chunk[0..<n])
        }
        return Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers,
                       body: String(decoding: body.prefix(length), as: UTF8.self))
    }

    private func writeAll(_ client: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let flags = Int32(MSG_NOSIGNAL)
            #else
            let flags: Int32 = 0
            #endif
            let n = bytes[offset...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, flags) }
            guard n > 0 else { return }
            offset += n
        }
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
