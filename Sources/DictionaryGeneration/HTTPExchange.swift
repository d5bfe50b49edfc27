import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One blocking HTTP request over URLSession, with the errors mapped to `GenerationError`. Blocking keeps queue
/// workers simple: one worker thread, one item, one request at a time.
enum HTTPExchange {
    /// Sends `request`, waiting at most `timeout` seconds (plus a small grace for URLSession's own timer).
    static func send(_ request: URLRequest, timeout: TimeInterval) throws -> (Data, HTTPURLResponse) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let box = ResultBox()
        let task = session.dataTask(with: request) { data, response, error in
            box.set(data: data, response: response, error: error)
        }
        task.resume()
        guard box.wait(seconds: timeout + 2) else {
            task.cancel()
            throw GenerationError.timeout(seconds: timeout)
        }
        let (data, response, error) = box.value
        if let error {
            if let urlError = error as? URLError, urlError.code == .timedOut { throw GenerationError.timeout(seconds: timeout) }
            throw GenerationError.transport((error as NSError).localizedDescription)
        }
        guard let http = response as? HTTPURLResponse else { throw GenerationError.malformedResponse("not an HTTP response") }
        return (data ?? Data(), http)
    }

    /// Seconds from a `Retry-After` header: delta-seconds or an HTTP date; nil when absent or unparsable.
    static func retryAfter(_ header: String?) -> TimeInterval? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Double(header), seconds.isFinite, seconds >= 0 { return min(seconds, 86_400) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: header) else { return nil }
        return min(max(0, date.timeIntervalSinceNow), 86_400)
    }

    /// Carries the completion handler's values to the waiting thread.
    private final class ResultBox: @unchecked Sendable {
        private let semaphore = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var stored: (Data?, URLResponse?, (any Error)?) = (nil, nil, nil)

        func set(data: Data?, response: URLResponse?, error: (any Error)?) {
            lock.lock()
            stored = (data, response, error)
            lock.unlock()
            semaphore.signal()
        }

        func wait(seconds: TimeInterval) -> Bool {
            semaphore.wait(timeout: .now() + seconds) == .success
        }

        var value: (Data?, URLResponse?, (any Error)?) {
            lock.lock()
            defer { lock.unlock() }
            return stored
        }
    }
}
