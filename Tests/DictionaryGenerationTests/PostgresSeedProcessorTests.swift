import DictMigrations
import DictPostgres
import DictStore
import DictTesting
import Foundation
import GRDB
import PostgresNIO
import Testing
@testable import DictionaryCore
@testable import DictionaryGeneration
@testable import DictionaryQueues

/// The seed queue, manual review, dead letters and retention on PostgreSQL (`dict queue … --database`): one script of
/// enqueues, a bulk import, generator runs against a stub server (stored, weak → review, server errors → retries →
/// dead letter → re-queued), approvals, rejections, a stop request and a purge answers exactly what it answers on
/// SQLite; workers on separate connections generate each (term, language) once, and a crashed worker's item comes back.
@Suite("Seed queue on PostgreSQL", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresSeedProcessorTests {
    /// One engine's queue operations as the script calls them.
    struct Queues: Sendable {
        var enqueue: @Sendable (String, [String]) async throws -> EnqueueResult
        var bulkImport: @Sendable (String, [String]) async throws -> BulkImportReport
        var runOnce: @Sendable (Bool) async throws -> SeedRunReport
        var item: @Sendable (String) async throws -> SeedQueueItem?
        var reviews: @Sendable (String?) async throws -> [ReviewItem]
        var approve: @Sendable (String, String?) async throws -> StoredEntry
        var reject: @Sendable (String) async throws -> Void
        var deadLetters: @Sendable () async throws -> [DeadLetter]
        var retry: @Sendable (String) async throws -> String
        var purge: @Sendable () async throws -> PurgeReport
        var count: @Sendable (String) async throws -> Int
    }

    static func settings() -> SeedProcessorSettings {
        var settings = SeedProcessorSettings()
        settings.batchSize = 5
        settings.leaseDuration = 60
        settings.embeddingModel = "test-embedder"
        return settings
    }

    static func sqlite(_ database: StoreDatabase, generator: any DefinitionGenerator, clock: FakeClock) -> Queues {
        let processor = QueueFixtures.processor(database: database, generator: generator, clock: clock)
        let review = ManualReviewQueue(database: database, clock: clock)
        let sink = RepositoryEntrySink(repository: EntryRepository(database: database))
        return Queues(
            enqueue: { try processor.queue.enqueue(term: $0, languages: $1) },
            bulkImport: { try processor.queue.bulkImport(text: $0, languages: $1) },
            runOnce: { stop in try processor.runOnce(owner: "w", shouldStop: { stop }) },
            item: { try processor.queue.item(id: $0) },
            reviews: { try review.list(status: $0) },
            approve: { try review.approve(id: $0, reviewer: "ana", notes: "edited", modifications: $1, sink: sink, embeddingModel: "test-embedder") },
            reject: { try review.reject(id: $0, notes: "wrong") },
            deadLetters: { try DeadLetterQueue(database: database, clock: clock).list() },
            retry: { try DeadLetterQueue(database: database, clock: clock).retry(id: $0) },
            purge: { try QueueMaintenance(database: database, clock: clock).purge() },
            count: { sql in try database.read { try Int.fetchOne($0, sql: sql) ?? -1 } })
    }

    static func postgres(_ session: PostgresSession, generator: any DefinitionGenerator, clock: FakeClock) -> Queues {
        let processor = PostgresSeedProcessor(
            queue: PostgresSeedQueue(session: session, clock: clock), ledger: PostgresTokenLedger(session: session, clock: clock),
            generator: generator, entries: PostgresEntryWriter(), generatorModel: "stub-model", settings: settings())
        let review = PostgresManualReviewQueue(session: session, clock: clock)
        let letters = PostgresDeadLetterQueue(session: session, clock: clock)
        return Queues(
            enqueue: { try await processor.queue.enqueue(term: $0, languages: $1) },
            bulkImport: { try await processor.queue.bulkImport(text: $0, languages: $1) },
            runOnce: { stop in try await processor.runOnce(owner: "w", shouldStop: { stop }) },
            item: { try await processor.queue.item(id: $0) },
            reviews: { try await review.list(status: $0) },
            approve: {
                try await review.approve(id: $0, reviewer: "ana", notes: "edited", modifications: $1, entries: PostgresEntryWriter(),
                                         embeddingModel: "test-embedder")
            },
            reject: { try await review.reject(id: $0, notes: "wrong") },
            deadLetters: { try await letters.list() },
            retry: { try await letters.retry(id: $0) },
            purge: { try await PostgresQueueMaintenance(session: session, clock: clock).purge() },
            count: { sql in try await session.execute(sql).first?.decode(Int.self) ?? -1 })
    }

    /// The script: what each step answered, ids left out (they are random).
    static func script(_ queues: Queues, server: StubHTTPServer, clock: FakeClock) async -> [String] {
        var log: [String] = []
        func step(_ name: String, _ body: () async throws -> String) async {
            var line: String
            do { line = "\(name): \(try await body())" } catch { line = "\(name): error \(error)" }
            log.append(line.replacingOccurrences(of: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", with: "<id>", options: .regularExpression))
        }
        func describe(_ r: SeedRunReport) -> String {
            "claimed \(r.claimed) completed \(r.completedItems) stored \(r.languagesStored) present \(r.languagesAlreadyPresent) "
                + "review \(r.sentToReview) retry \(r.retriesScheduled) dlq \(r.deadLettered) released \(r.released) lost \(r.leasesLost) "
                + "budget \(r.budgetExhausted) tokens \(r.tokensUsed) errors \(r.errors)"
        }
        func describe(_ item: SeedQueueItem?) -> String {
            guard let item else { return "none" }
            return "\(item.term) \(item.status) \(item.languages) done \(item.completedLanguages) attempts \(item.attempts) "
                + "retry \(item.retryAfter ?? "-") error \(item.errorType ?? "-") \(item.errorMessage ?? "-") owner \(item.leaseOwner ?? "-")"
        }
        var allegro = "", crescendo = "", segno = ""
        await step("enqueue") { let r = try await queues.enqueue("Allegro", ["fr", "en"]); allegro = r.itemID; return "\(r.inserted)" }
        await step("enqueue again") { let r = try await queues.enqueue(" ALLEGRO ", ["en", "fr"]); return "\(r.inserted) \(r.itemID == allegro)" }
        await step("enqueue bad language") { "\(try await queues.enqueue("x", ["xx"]))" }
        await step("enqueue empty") { "\(try await queues.enqueue("  ", ["en"]))" }
        await step("bulk import") {
            let r = try await queues.bulkImport("Presto\npresto\n\nAllegro\n\(String(repeating: "x", count: 101))\n", ["en"])
            return "\(r.totalSubmitted) queued \(r.queued.map { "\($0.term) \($0.languages)" }) duplicates \(r.duplicates) rejected \(r.rejected)"
        }
        await step("bulk import empty") { "\(try await queues.bulkImport("\n \n", ["en"]))" }
        await step("run") { describe(try await queues.runOnce(false)) }
        await step("allegro") { describe(try await queues.item(allegro)) }
        await step("entries") { "\(try await queues.count("SELECT count(*) FROM dictionary_entries"))" }
        await step("embedding items") { "\(try await queues.count("SELECT count(*) FROM embedding_queue WHERE model = 'test-embedder' AND status = 'pending'"))" }
        await step("usage rows") { "\(try await queues.count("SELECT count(*) FROM ai_model_usage WHERE total_tokens = 300"))" }
        await step("bulk import all present") { "\(try await queues.bulkImport("allegro", ["en"]).duplicates)" }

        server.enqueue(.chatCompletion(content: QueueFixtures.weakReply, promptTokens: 10, completionTokens: 10),
                       .chatCompletion(content: QueueFixtures.weakReply, promptTokens: 10, completionTokens: 10))
        await step("enqueue tenuto") { "\(try await queues.enqueue("Tenuto", ["en", "de"]).inserted)" }
        await step("run weak") { describe(try await queues.runOnce(false)) }
        var reviews: [ReviewItem] = []
        await step("reviews") {
            reviews = try await queues.reviews("pending").sorted { $0.lang < $1.lang }
            return reviews.map { "\($0.term) \($0.lang) \($0.qualityScore) \($0.reason) \($0.status) \($0.content.concise)" }.joined(separator: "; ")
        }
        let german = reviews.first?.id ?? "", english = reviews.last?.id ?? ""
        await step("approve bad edit") { "\(try await queues.approve(english, "[1]"))" }
        await step("approve") {
            let stored = try await queues.approve(english, #"{"concise": "Hold the note for its full value.", "type": "articulation"}"#)
            return "\(stored.inserted)"
        }
        await step("approved entry") {
            "\(try await queues.count("SELECT count(*) FROM dictionary_entries WHERE normalized_term = 'tenuto' AND type = 'articulation'"))"
        }
        await step("approve twice") { "\(try await queues.approve(english, nil))" }
        await step("reject") { try await queues.reject(german); return "ok" }
        await step("reject missing") { try await queues.reject("nope"); return "ok" }
        await step("reviews after") { (try await queues.reviews(nil)).map { "\($0.lang) \($0.status) \($0.reviewedBy ?? "-") \($0.reviewerNotes ?? "-")" }.sorted().joined(separator: "; ") }

        server.enqueue(.reply(status: 500, body: "a"), .reply(status: 503, body: "b"), .reply(status: 500, body: "c"))
        await step("enqueue crescendo") { crescendo = try await queues.enqueue("Crescendo", ["en"]).itemID; return "ok" }
        await step("fail 1") { describe(try await queues.runOnce(false)) }
        await step("crescendo") { describe(try await queues.item(crescendo)) }
        await step("too early") { describe(try await queues.runOnce(false)) }
        clock.advance(by: 5)
        await step("fail 2") { describe(try await queues.runOnce(false)) }
        clock.advance(by: 10)
        await step("fail 3") { describe(try await queues.runOnce(false)) }
        await step("crescendo gone") { describe(try await queues.item(crescendo)) }
        var letter = ""
        await step("dead letters") {
            let letters = try await queues.deadLetters()
            letter = letters.first?.id ?? ""
            return letters.map { "\($0.queue) \($0.term ?? "-") \($0.originalID == crescendo) \($0.attempts) \($0.errorType ?? "-") \($0.failureReason)" }
                .joined(separator: "; ")
        }
        await step("retry") { "\(try await queues.retry(letter) == crescendo)" }
        await step("retry again") { try await queues.retry(letter) }
        await step("retried item") { describe(try await queues.item(crescendo)) }
        await step("run retried") { describe(try await queues.runOnce(false)) }
        await step("history") { "\(try await queues.count("SELECT count(*) FROM recovery_history WHERE item_id = '\(crescendo)'"))" }
        await step("failed calls") { "\(try await queues.count("SELECT count(*) FROM ai_model_usage WHERE total_tokens = 0"))" }

        await step("enqueue segno") { segno = try await queues.enqueue("Segno", ["en"]).itemID; return "ok" }
        await step("stop") { describe(try await queues.runOnce(true)) }
        await step("segno") { describe(try await queues.item(segno)) }
        clock.advance(by: 8 * 86_400)
        await step("purge") { "\(try await queues.purge())" }
        await step("left") { "\(try await queues.count("SELECT count(*) FROM seed_queue"))" }
        return log
    }

    @Test("The seed-queue script answers on PostgreSQL what it answers on SQLite")
    func scriptParity() async throws {
        let (sqliteLog, sqliteRequests) = try await {
            let server = try QueueFixtures.stubServer()
            defer { server.stop() }
            let clock = FakeClock()
            let database = try Service.dictionary.openInMemory()
            let log = await Self.script(Self.sqlite(database, generator: QueueFixtures.generator(server), clock: clock), server: server, clock: clock)
            return (log, server.requests.count)
        }()
        let (postgresLog, postgresRequests) = try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            let server = try QueueFixtures.stubServer()
            defer { server.stop() }
            let clock = FakeClock()
            let log = await Self.script(Self.postgres(session, generator: QueueFixtures.generator(server), clock: clock), server: server, clock: clock)
            return (log, server.requests.count)
        }
        #expect(sqliteLog.count == postgresLog.count)
        for (sqlite, postgres) in zip(sqliteLog, postgresLog) { #expect(postgres == sqlite) }
        #expect(postgresRequests == sqliteRequests)
        // The script reaches every path it names (a broken step would show up as an error on both engines).
        let errors = sqliteLog.filter { $0.contains(": error ") }.map { String($0.prefix { $0 != ":" }) }
        #expect(errors == ["enqueue bad language", "enqueue empty", "bulk import empty", "approve bad edit", "approve twice", "reject missing", "retry again"])
        #expect(sqliteLog.contains("run: claimed 2 completed 2 stored 3 present 0 review 0 retry 0 dlq 0 released 0 lost 0 budget false tokens 900 errors []"))
        #expect(sqliteLog.contains("fail 3: claimed 1 completed 0 stored 0 present 0 review 0 retry 0 dlq 1 released 0 lost 0 budget false tokens 0 errors [\"Crescendo (en): api error: HTTP 500: c\"]"))
    }

    @Test("Workers on separate connections generate each term and language once, and a crashed worker's item comes back")
    func concurrentWorkersAndCrashRecovery() async throws {
        try await PostgresTestDatabase.with { database in
            try await PostgresSession.withSession(to: database.location) { session in
                try await PostgresMigrationRunner(schema: "dictionary", files: Service.dictionary.postgresMigrationFiles).migrate(in: session)
            }
            let terms = (1...12).map { "term \($0)" }
            let clock = FakeClock()
            let generator = ScriptedGenerator(Array(repeating: .entry(ScriptedGenerator.fullEntry(), tokens: 10), count: 24))
            try await PostgresSession.withSession(to: database.location, schema: "dictionary") { session in
                for term in terms { try await PostgresSeedQueue(session: session, clock: clock).enqueue(term: term, languages: ["en", "de"]) }
                // A worker claims two items and dies: their leases must expire before anyone else takes them.
                let crashed = try await PostgresSeedQueue(session: session, clock: clock).claim(owner: "crashed", limit: 2, leaseDuration: 60)
                #expect(crashed.count == 2)
            }
            let reports = try await withThrowingTaskGroup(of: SeedRunReport.self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        try await PostgresSession.withSession(to: database.location, schema: "dictionary") { session in
                            var settings = Self.settings()
                            settings.batchSize = 2
                            let processor = PostgresSeedProcessor(
                                queue: PostgresSeedQueue(session: session, clock: clock), ledger: PostgresTokenLedger(session: session, clock: clock),
                                generator: generator, entries: PostgresEntryWriter(), settings: settings)
                            var total = SeedRunReport()
                            while true {
                                let report = try await processor.runOnce(owner: "w\(worker)")
                                if report.claimed == 0 { break }
                                total.claimed += report.claimed
                                total.languagesStored += report.languagesStored
                                total.completedItems += report.completedItems
                            }
                            return total
                        }
                    }
                }
                return try await group.reduce(into: [SeedRunReport]()) { $0.append($1) }
            }
            #expect(reports.map(\.claimed).reduce(0, +) == 10 && reports.map(\.languagesStored).reduce(0, +) == 20)
            clock.advance(by: 61)
            let recovered = try await PostgresSession.withSession(to: database.location, schema: "dictionary") { session in
                let processor = PostgresSeedProcessor(
                    queue: PostgresSeedQueue(session: session, clock: clock), ledger: PostgresTokenLedger(session: session, clock: clock),
                    generator: generator, entries: PostgresEntryWriter(), settings: Self.settings())
                let report = try await processor.runOnce(owner: "late")
                let states = try await session.execute("SELECT status, count(*) FROM seed_queue GROUP BY status").map { try $0.decode((String, Int).self) }
                let entries = try await session.execute("SELECT count(*), count(DISTINCT (normalized_term, lang)) FROM dictionary_entries").first?.decode((Int, Int).self)
                let history = try await session.execute("SELECT count(*) FROM recovery_history WHERE action = 'recovered'").first?.decode(Int.self)
                return (report, states, entries, history)
            }
            #expect(recovered.0.claimed == 2 && recovered.0.completedItems == 2)
            #expect(recovered.1.map { "\($0.0) \($0.1)" } == ["completed 12"])
            #expect(recovered.2.map { "\($0.0) \($0.1)" } == "24 24")
            #expect(recovered.3 == 2)
            let calls = generator.calls.map { "\($0.term)/\($0.lang)" }
            #expect(calls.count == 24 && Set(calls).count == 24, "each (term, language) generated once: \(calls.sorted())")
        }
    }
}
