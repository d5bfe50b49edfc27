import Foundation

/// Runs the `wrk` HTTP load generator (Debian package `wrk`) against one server with a rotating list of request
/// paths and reads back requests/s, latency percentiles and errors.
package struct WrkLoad {
    /// One run's outcome.
    package struct Result: Sendable, Encodable {
        package var name: String
        package var requestsPerSecond: Double
        package var p50Milliseconds: Double
        package var p99Milliseconds: Double
        /// Non-2xx/3xx responses plus socket errors and timeouts.
        package var errors: Int
        package var requests: Int
    }

    package var baseURL: String
    package var duration = 10
    package var connections = 32
    package var threads = 2

    package init(baseURL: String) { self.baseURL = baseURL }

    /// The wrk executable, if installed.
    package static func executable() -> String? {
        ["/usr/bin/wrk", "/usr/local/bin/wrk"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Loads `paths` (cycled, each thread from the start) for `duration` seconds.
    package func run(name: String, paths: [String]) throws -> Result {
        guard let wrk = Self.executable() else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "wrk"]) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dict-wrk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pathsFile = directory.appendingPathComponent("paths.txt")
        try paths.joined(separator: "\n").write(to: pathsFile, atomically: true, encoding: .utf8)
        let script = directory.appendingPathComponent("rotate.lua")
        try """
            local paths = {}
            for line in io.lines("\(pathsFile.path)") do paths[#paths + 1] = line end
            local i = 0
            request = function()
              i = i % #paths + 1
              return wrk.format("GET", paths[i])
            end
            """.write(to: script, atomically: true, encoding: .utf8)
        let report = try ChildProcess.run(wrk, ["-t\(threads)", "-c\(connections)", "-d\(duration)s", "--latency", "-s", script.path, baseURL])
        return Self.parse(report.output, name: name)
    }

    /// Reads wrk's report.
    static func parse(_ text: String, name: String) -> Result {
        func number(after label: String) -> Double? {
            guard let line = text.split(separator: "\n").first(where: { $0.contains(label) }) else { return nil }
            return line.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .punctuationCharacters)) }.last
        }
        func latency(_ percent: String) -> Double {
            guard let line = text.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(percent) }),
                  let value = line.split(separator: " ").last else { return .nan }
            let units: [(String, Double)] = [("us", 0.001), ("ms", 1), ("s", 1000)]
            for (unit, scale) in units where value.hasSuffix(unit) {
                return (Double(value.dropLast(unit.count)) ?? .nan) * scale
            }
            return .nan
        }
        var errors = Int(number(after: "Non-2xx or 3xx responses") ?? 0)
        if let socket = text.split(separator: "\n").first(where: { $0.contains("Socket errors") }) {
            errors += socket.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .punctuationCharacters)) }.reduce(0, +)
        }
        let requests = text.split(separator: "\n").first { $0.contains("requests in") }
            .flatMap { $0.split(separator: " ").first.flatMap { Int($0) } } ?? 0
        return Result(name: name, requestsPerSecond: number(after: "Requests/sec") ?? 0, p50Milliseconds: latency("50%"),
                      p99Milliseconds: latency("99%"), errors: errors, requests: requests)
    }
}
