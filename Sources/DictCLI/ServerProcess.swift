import Foundation

/// A `dict serve` child process on a free loopback port, for benchmarks (rate limiting off, warnings only).
struct ServerProcess {
    let process: Process
    let port: Int

    /// This executable, resolved against the working directory.
    static func executableURL() -> URL {
        let path = CommandLine.arguments[0]
        return path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
    }

    /// Starts the server (with `extraArguments` after the standard ones) and waits (at most `timeout` seconds) for
    /// its "dict: listening on http://HOST:PORT" line.
    static func start(dataDirectory: String, extraArguments: [String] = [], timeout: TimeInterval = 120) throws -> ServerProcess {
        let process = Process()
        process.executableURL = executableURL()
        process.arguments = ["serve", "--data-dir", dataDirectory, "--host", "127.0.0.1", "--port", "0", "--rate-limit", "0",
                             "--log-level", "warning"] + extraArguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = Data()
        while Date() < deadline, process.isRunning {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { Thread.sleep(forTimeInterval: 0.05); continue }
            buffer.append(chunk)
            let text = String(decoding: buffer, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("dict: listening on http://") }),
               let port = line.split(separator: ":").last.flatMap({ Int($0) }) {
                return ServerProcess(process: process, port: port)
            }
        }
        process.terminate()
        throw BenchError.serverNotListening(seconds: Int(timeout))
    }

    /// Stops the server (SIGTERM, then waits for it).
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// Runs this executable with `arguments` to completion; a non-zero exit is an error.
    static func runSelf(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = executableURL()
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError.commandFailed(arguments: arguments, status: process.terminationStatus)
        }
    }
}
