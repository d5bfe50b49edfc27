import DictTesting
import Foundation
import Testing

/// Issue 14, "Done means": every `dict` and `curl` example in the README's (and docs/http-api.md's) code blocks runs
/// against a fresh data directory and exits as the README says it does. Commands are run by bash with the built
/// `dict` first on PATH, from the package root (where `data/` is), so they are exactly the lines a reader copies.
@Suite(.serialized) struct ReadmeExamplesTests {
    /// Example lines of the fenced code blocks of `file`: continuation lines joined, `$ ` prompts and trailing
    /// comments removed, `&&` chains split; only lines that run `dict` or `curl`.
    static func examples(in file: String) throws -> [String] {
        let text = try String(contentsOf: DictBinary.packageRoot.appendingPathComponent(file), encoding: .utf8)
        var commands: [String] = []
        var inBlock = false
        var pending = ""
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if rawLine.hasPrefix("```") { inBlock.toggle(); continue }
            guard inBlock else { continue }
            var line = String(rawLine)
            if let comment = line.range(of: #"\s+#\s.*$"#, options: .regularExpression) { line.removeSubrange(comment) }
            if line.hasSuffix("\\") { pending += line.dropLast() + " "; continue }
            line = (pending + line).trimmingCharacters(in: .whitespaces)
            pending = ""
            if line.hasPrefix("$ ") { line.removeFirst(2) }
            for part in line.components(separatedBy: " && ") where part.hasPrefix("dict ") || part.hasPrefix("curl ") {
                commands.append(part.trimmingCharacters(in: .whitespaces))
            }
        }
        return commands
    }

    /// Exit statuses the README states for its examples (nonsense finds nothing: exit 1); everything else exits 0.
    static let expectedStatus = ["dict search zzzqqq": Int32(1)]

    /// Examples not run here, each with the reason.
    static func skipReason(_ command: String) -> String? {
        if command.hasPrefix("dict serve") { return "the test starts the server itself on a free port" }
        if command == "dict import wordnet" { return "needs Debian's wordnet-base and several minutes; WordNetImporterTests cover it" }
        // The examples run without the model: embedding the 728-entry glossary, or every eval query, takes many
        // minutes in a debug build. ProductCLITests runs embed, semantic search and eval with the model.
        if command == "dict embed" { return "minutes in a debug build; ProductCLITests covers it" }
        if command.hasPrefix("dict embed --model") { return "minutes in a debug build; EmbedModelCLITests covers it" }
        // Cross-language examples show multilingual-e5-small results: without its vectors the English lexical leg
        // finds nothing for a Spanish or Chinese query. EmbedModelCLITests runs them with the model.
        if command.hasPrefix("dict search") && command.contains("--query-lang") { return "needs multilingual-e5-small vectors" }
        // A Chinese query with English results crosses languages by its script alone.
        if command.hasPrefix("dict search") && command.contains("--lang en")
            && command.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) {
            return "needs multilingual-e5-small vectors"
        }
        if command.contains("/search/semantic") { return "answers 503 without the model; SearchRouteTests cover it" }
        // The PostgreSQL walk-through shares a cluster and its URL across lines; MigratePostgresCLITests runs the
        // same commands on the test cluster.
        if command.contains("scripts/postgres.sh") || command.contains("--database \"$url\"") {
            return "needs the walk-through's cluster; MigratePostgresCLITests covers it"
        }
        // The replica walk-through needs Patroni, etcd and haproxy and shares their URLs across lines;
        // ServeStandbyCLITests runs reads, bookmarks and following on a standby, scripts/cluster-check.sh the rest.
        if command.contains("scripts/cluster.sh") || command.contains("$BASE") {
            return "needs the Patroni cluster; ServeStandbyCLITests and scripts/cluster-check.sh cover it"
        }
        return nil
    }

    /// Runs `command` with bash (pipefail), `dict` on PATH and the data directory in the environment.
    static func shell(_ command: String, in directory: URL, environment: [String: String]) throws -> DictBinary.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-o", "pipefail", "-c", command]
        process.currentDirectoryURL = directory
        let binaryFolder = try #require(DictBinary.url).deletingLastPathComponent().path
        var variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        variables["PATH"] = binaryFolder + ":" + (variables["PATH"] ?? "/usr/bin:/bin")
        process.environment = variables
        let scratch = try TemporaryDirectory(prefix: "dict-readme")
        let output = scratch.url.appendingPathComponent("output.txt")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return DictBinary.Run(status: process.terminationStatus, stdout: text, stderr: "")
    }

    @Test func everyReadmeExampleRunsAndExitsAsDocumented() async throws {
        let readme = try Self.examples(in: "README.md")
        let httpDoc = try Self.examples(in: "docs/http-api.md")
        #expect(readme.filter { $0.hasPrefix("dict ") }.count >= 8 && readme.contains { $0.hasPrefix("curl ") }, "\(readme)")
        let directory = try TemporaryDirectory()
        let data = directory.url.appendingPathComponent("data-dir")
        let environment = ["DICT_DATA_DIR": data.path, "DICT_MODEL_DIR": "/nonexistent/dict-test-model"]

        // A fresh data directory set up as scripts/demo.sh does (without the model: see skipReason).
        for command in ["dict migrate", "dict import glossary"] {
            let result = try Self.shell(command, in: DictBinary.packageRoot, environment: environment)
            #expect(result.status == 0, "\(command): \(result.stdout)")
        }

        let server = try ServeProcess(["--data-dir", data.path])
        defer { server.stop() }
        let base = server.base.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        var ran = 0
        for example in readme + httpDoc {
            if Self.skipReason(example) != nil { continue }
            // curl: the server's real address, and -f so an HTTP error fails the line.
            let command = example.replacingOccurrences(of: "http://127.0.0.1:8080", with: base)
                .replacingOccurrences(of: "curl -s ", with: "curl -sf ")
            let folder = example.hasPrefix("curl ") ? directory.url : DictBinary.packageRoot
            let result = try Self.shell(command, in: folder, environment: environment)
            let expected = Self.expectedStatus[example] ?? 0
            #expect(result.status == expected, "\(example) exited \(result.status), README says \(expected): \(result.stdout.suffix(600))")
            ran += 1
        }
        #expect(ran >= 13)
    }
}
