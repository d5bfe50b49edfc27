import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `dict serve` child on a free loopback port, for tests of what only the running binary shows (version,
/// access log, result shapes). Stopped with SIGTERM; its stderr is kept for the access-log test.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let base: URL
    private let collected: CollectedData

    /// Bytes appended from a pipe's reader thread.
    final class CollectedData: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ chunk: Data) { lock.withLock { data.append(chunk) } }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }

    /// Starts `dict serve --port 0 arguments…` (without the model unless `semantic`) and waits (at most 60 s) for
    /// its "listening on" line.
    init(_ arguments: [String], semantic: Bool = false) throws {
        guard let url = DictBinary.url else { throw CocoaError(.fileNoSuchFile) }
        process.executableURL = url
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0", "--rate-limit", "0"] + (semantic ? [] : ["--no-semantic"]) + arguments
        if semantic {
            process.environment = ProcessInfo.processInfo.environment.merging(["DICT_MODEL_DIR": DictBinary.modelDirectory.path]) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let collected = CollectedData()
        self.collected = collected
        err.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while !text.contains("\n"), Date() < deadline, process.isRunning {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { usleep(10_000) } else { text += String(decoding: chunk, as: UTF8.self) }
        }
        guard let range = text.range(of: "http://"), let address = URL(string: String(text[range.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "dict serve did not start: \(text) \(collected.text)"])
        }
        base = address
    }

    /// What the server wrote to stderr so far.
    var stderr: String { collected.text }

    /// GETs `path` (with its query) and returns the status and body.
    func get(_ path: String) async throws -> (status: Int, body: Data) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: path, relativeTo: base)!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// GETs `path` with `headers` and returns the status, body and response headers.
    func get(_ path: String, headers: [String: String]) async throws -> (status: Int, body: Data, headers: [String: String]) {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        let fields = (http?.allHeaderFields ?? [:]).reduce(into: [String: String]()) { $0["\($1.key)".lowercased()] = "\($1.value)" }
        return (http?.statusCode ?? 0, data, fields)
    }

    /// POSTs `body` as JSON to `path` and returns the status, body and response headers.
    func postWithHeaders(_ path: String, json body: String) async throws -> (status: Int, body: Data, headers: [String: String]) {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        let fields = (http?.allHeaderFields ?? [:]).reduce(into: [String: String]()) { $0["\($1.key)".lowercased()] = "\($1.value)" }
        return (http?.statusCode ?? 0, data, fields)
    }

    /// POSTs `body` as JSON to `path` and returns the status and body.
    func post(_ path: String, json body: String) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// SIGTERM, then waits for the exit.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        usleep(50_000)
    }
}
