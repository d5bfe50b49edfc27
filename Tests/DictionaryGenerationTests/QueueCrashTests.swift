import DictMigrations
import DictStore
import DictTesting
import DictionaryGeneration
import Foundation
import GRDB
import Testing
@testable import DictionaryQueues

/// The built `dict` binary as a separate worker process: killed with SIGKILL mid-item, stopped with SIGTERM, and
/// run without a generator. Needs `swift build` first (the test says so if the binary is missing).
@Suite(.serialized) struct QueueCrashTests {
    /// `<package root>/.build/debug/dict`, found from this file's path.
    static var binary: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/dict")
    }

    static func requireBinary() throws -> URL {
        let url = binary
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            Issue.record("\(url.path) is missing: run `swift build` first")
            throw CancellationError()
        }
        return url
    }

    /// Starts `dict` with `arguments`; the generator variables point at `server` unless it is nil.
    static func launch(_ arguments: [String], server: StubHTTPServer?) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = try requireBinary()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for key in ["DICT_GENERATOR_URL", "DICT_GENERATOR_MODEL", "DICT_GENERATOR_API_KEY", "DICT_DATA_DIR"] {
            environment[key] = nil
        }
        if let server {
            environment["DICT_GENERATOR_URL"] = server.baseURL.absoluteString
            environment["DICT_GENERATOR_MODEL"] = "stub-model"
        }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return (process, output)
    }

    /// Waits up to `timeout` seconds for `process` to exit; kills it and records an issue otherwise.
    static func wait(_ process: Process, timeout: TimeInterval = 30) {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            Issue.record("dict did not exit within \(timeout) s")
        }
        process.waitUntilExit()
    }

    static func output(_ pipe: Pipe) -> String {
        String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    @Test func aWorkerKilledMidItemLosesNothingAndCompletesNothingTwice() throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        let queue = SeedQueue(database: database)
        let id = try queue.enqueue(term: "Fermata", languages: ["en"]).itemID
        let server = try QueueFixtures.stubServer()
        defer { server.stop() }
        server.enqueue(.hang(seconds: 60))

        let common = ["--data-dir", directory.path, "--lease-seconds", "1", "--poll-seconds", "0.2", "--timeout-seconds", "30",
                      "--batch-size", "1"]
        let (worker, _) = try Self.launch(["queue", "run", "--watch"] + common, server: server)
        #expect(server.waitForRequests(1, timeout: 30), "the worker never called the generator")
        #expect(try queue.item(id: id)?.status == "processing")
        kill(worker.processIdentifier, SIGKILL)
        worker.waitUntilExit()
        #expect(worker.terminationReason == .uncaughtSignal)

        // Still leased by the dead worker until the lease runs out; then a second worker takes it over.
        Thread.sleep(forTimeInterval: 1.2)
        let (second, secondOutput) = try Self.launch(["queue", "run"] + common, server: server)
        Self.wait(second)
        let text = Self.output(secondOutput)
        #expect(second.terminationStatus == 0, "\(text)")
        let item = try #require(try queue.item(id: id))
        #expect(item.status == "completed")
        #expect(item.attempts == 2)
        #expect(try TableRows.count(database, "dictionary_entries", where: "normalized_term = 'fermata' AND lang = 'en'") == 1)
        #expect(try TableRows.count(database, "recovery_history", where: "item_id = ? AND action = 'recovered'", [id]) == 1)
        #expect(try TableRows.count(database, "embedding_queue") == 1)
        // The killed call may have been billed, so its reservation was booked at its ceiling (and reported) as soon
        // as the second worker saw that its holder process was gone, on top of the second call's real 300.
        let ceiling = QueueFixtures.generator(server).tokenCeiling(term: "Fermata", lang: "en")
        #expect(try TableRows.count(database, "ai_token_usage", where: "model = 'stub-model' AND tokens_used = ?", [300 + ceiling]) == 1)
        #expect(text.contains("booked \(ceiling) tokens of 1 abandoned reservation"), "\(text)")
        #expect(try TableRows.count(database, "ai_token_reservations") == 0)

        // A third run finds nothing to do: nothing completes twice.
        let (third, _) = try Self.launch(["queue", "run"] + common, server: server)
        Self.wait(third)
        #expect(third.terminationStatus == 0)
        #expect(server.requests.count == 2)
        #expect(try TableRows.count(database, "dictionary_entries") == 1)
    }

    @Test func sigtermLetsAWatchingWorkerFinishTheCurrentLanguageAndReleaseTheRest() throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        let queue = SeedQueue(database: database)
        let id = try queue.enqueue(term: "Tremolo", languages: ["en", "fr"]).itemID
        let reply = StubHTTPServer.Response.chatCompletion(content: QueueFixtures.goodReply(), promptTokens: 1, completionTokens: 1)
        let server = try StubHTTPServer(defaultResponse: reply)
        defer { server.stop() }
        // The first language answers slowly, so SIGTERM arrives while it is in flight.
        server.enqueue(.delayed(seconds: 1.5, reply))
        let (worker, output) = try Self.launch(
            ["queue", "run", "--watch", "--data-dir", directory.path, "--poll-seconds", "0.2", "--timeout-seconds", "20", "--batch-size", "1"],
            server: server
        )
        #expect(server.waitForRequests(1, timeout: 30))
        kill(worker.processIdentifier, SIGTERM)
        Self.wait(worker)
        #expect(worker.terminationReason == .exit && worker.terminationStatus == 0, "\(Self.output(output))")
        #expect(server.requests.count == 1, "no new language is started after SIGTERM")
        let item = try #require(try queue.item(id: id))
        #expect(item.status == "pending" && item.leaseOwner == nil && item.attempts == 0)
        #expect(item.completedLanguages == ["en"] && item.languages == ["fr"])
        #expect(try TableRows.count(database, "dictionary_entries", where: "normalized_term = 'tremolo'") == 1)
    }

    @Test func runWithoutAGeneratorLeavesTheQueueUntouched() throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        let id = try SeedQueue(database: database).enqueue(term: "Staccato", languages: ["en"]).itemID
        let (process, output) = try Self.launch(["queue", "run", "--data-dir", directory.path], server: nil)
        Self.wait(process)
        let text = Self.output(output)
        #expect(process.terminationStatus == 3)
        #expect(text.contains("DICT_GENERATOR_URL") && text.contains("DICT_GENERATOR_MODEL"))
        #expect(text.split(separator: "\n").count == 1)
        let item = try #require(try SeedQueue(database: database).item(id: id))
        #expect(item.status == "pending" && item.attempts == 0)
    }
}
