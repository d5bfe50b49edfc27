import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain TCP connection to a live test server, for what an HTTP client library will not send: half-written
/// heads, broken chunked framing, upgrade requests. Reads wait at most `readTimeout` seconds.
final class RawHTTPConnection {
    enum Failure: Error, CustomStringConvertible {
        case socket(String, errno: Int32)

        var description: String {
            switch self {
            case .socket(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
            }
        }
    }

    private let descriptor: Int32

    /// Connects to 127.0.0.1:`port`.
    init(port: Int, readTimeout: TimeInterval = 5) throws {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure.socket("socket", errno: errno) }
        setReadTimeout(readTimeout)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let code = errno
            close(descriptor)
            throw Failure.socket("connect", errno: code)
        }
    }

    deinit { close(descriptor) }

    /// How long each read waits from now on.
    func setReadTimeout(_ seconds: TimeInterval) {
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: .init((seconds - seconds.rounded(.down)) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Writes all of `text`.
    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    /// Writes all of `bytes`.
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw Failure.socket("write", errno: errno) }
            offset += written
        }
    }

    /// What one read returns: bytes, the peer's end of stream, or nothing before the read timeout.
    enum ReadResult: Equatable {
        case bytes([UInt8])
        case endOfStream
        case timedOut
        case reset
    }

    /// One `read` of up to 64 KiB.
    func readOnce() -> ReadResult {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 { return .bytes(Array(buffer[0..<count])) }
        if count == 0 { return .endOfStream }
        return errno == EAGAIN || errno == EWOULDBLOCK ? .timedOut : .reset
    }

    /// Everything until the peer closes (or the read timeout passes), and whether it closed.
    func readUntilClosed() -> (text: String, closed: Bool) {
        var received: [UInt8] = []
        while true {
            switch readOnce() {
            case .bytes(let bytes): received += bytes
            case .endOfStream, .reset: return (String(decoding: received, as: UTF8.self), true)
            case .timedOut: return (String(decoding: received, as: UTF8.self), false)
            }
        }
    }

    /// Reads until one complete response (head plus `Content-Length` body) has arrived; nil on timeout or close.
    func readResponse() -> String? {
        var received: [UInt8] = []
        while true {
            let text = String(decoding: received, as: UTF8.self)
            if let headEnd = text.range(of: "\r\n\r\n") {
                let head = text[..<headEnd.lowerBound].lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if text.utf8.count - text[..<headEnd.upperBound].utf8.count >= length { return text }
            }
            guard case .bytes(let bytes) = readOnce() else { return nil }
            received += bytes
        }
    }

    /// The status code of a response text (`HTTP/1.1 404 Not Found` → 404).
    static func status(of response: String?) -> Int? {
        guard let line = response?.split(separator: "\r\n").first else { return nil }
        let parts = line.split(separator: " ")
        return parts.count > 1 ? Int(parts[1]) : nil
    }
}
