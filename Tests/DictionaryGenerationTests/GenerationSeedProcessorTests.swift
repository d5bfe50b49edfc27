import DictMigrations
import DictStore
import DictTesting
import Foundation
import GRDB
import Testing
@testable import DictionaryCore
@testable import DictionaryGeneration
@testable import DictionaryQueues

/// Seed processing end to end: stub HTTP server → generator → ledger → repository → embedding queue.
@Suite struct GenerationSeedProcessorTests {
    @Test(arguments: DatabaseKind.allCases)
    func storesEntriesQueuesEmbeddingsAndMetersTokens(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let server = try QueueFixtures.stubServer()
        defer { server.stop() }
        let clock = FakeClock()
        let processor = QueueFixtures.processor(database: database, generator: QueueFixtures.generator(server), clock: clock)
        let id = try processor.queue.enqueue(term: "Allegro", languages: ["en", "fr"]).itemID
        let report = try processor.runOnce(owner: "w")
        #expect(report.claimed == 1 && report.completedItems == 1 && report.languagesStored == 2)
        #expect(report.tokensUsed == 600 && report.errors.isEmpty)
        #expect(try processor.queue.item(id: id)?.status == "completed")
        #expect(try TableRows.count(database, "dictionary_entries", where: "normalized_term = 'allegro'") == 2)
        #expect(try TableRows.count(database, "embedding_queue", where: "model = 'test-embedder' AND status = 'pending'") == 2)
        let status = try processor.ledger.status(model: "stub-model")
        #expect(status.used == 600 && status.reserved == 0)
        #expect(try TableRows.count(database, "ai_model_usage", where: "success = 1 AND total_tokens = 300 AND operation_type = 'generation'") == 2)
        #expect(try processor.runOnce(owner: "w").claimed == 0)
        #expect(server.requests.count == 2)
    }

    @Test func lowScoresGoToManualReviewAndApprovalStoresTheEditedEntry() throws {
        let database = try Service.dictionary.openInMemory()
        let server = try StubHTTPServer(defaultResponse: .chatCompletion(content: QueueFixtures.weakReply, promptTokens: 10, completionTokens: 10))
        defer { server.stop() }
        let clock = FakeClock()
        let processor = QueueFixtures.processor(database: database, generator: QueueFixtures.generator(server), clock: clock)
        let id = try processor.queue.enqueue(term: "Tenuto", languages: ["en", "de"]).itemID
        let report = try processor.runOnce(owner: "w")
        #expect(report.sentToReview == 2 && report.languagesStored == 0 && report.completedItems == 1)
        #expect(try TableRows.count(database, "dictionary_entries") == 0)
        let review = ManualReviewQueue(database: database, clock: clock)
        let items = try review.list()
        #expect(items.count == 2)
        #expect(items.allSatisfy { $0.seedItemID == id && $0.qualityScore == 50 && $0.reason == "Quality score 50 below threshold 85" })
        let english = try #require(items.first { $0.lang == "en" })
        let german = try #require(items.first { $0.lang == "de" })
        let sink = RepositoryEntrySink(repository: EntryRepository(database: database))
        #expect(throws: QueueError.invalidModifications(reason: "not a JSON object")) {
            try review.approve(id: english.id, modifications: "[1]", sink: sink, embeddingModel: nil)
        }
        let stored = try review.approve(
            id: english.id, reviewer: "ana", notes: "tightened", modifications: #"{"concise": "Hold the note for its full value.", "type": "articulation"}"#,
            sink: sink, embeddingModel: "test-embedder"
        )
        #expect(stored.inserted)
        let entry = try #require(try EntryRepository(database: database).entry(id: stored.id))
        #expect(entry.definition.concise == "Hold the note for its full value.")
        #expect(entry.type == .articulation)
        #expect(try TableRows.count(database, "embedding_queue", where: "entry_id = ?", [stored.id]) == 1)
        #expect(throws: QueueError.reviewAlreadyDecided(id: english.id, status: "approved")) {
            try review.approve(id: english.id, sink: sink, embeddingModel: nil)
        }
        try review.reject(id: german.id, notes: "wrong")
        #expect(try review.list(status: "rejected").map(\.id) == [german.id])
        #expect(try review.list(status: "pending").isEmpty)
        #expect(throws: QueueError.reviewNotFound(id: "nope")) { try review.reject(id: "nope") }
    }

    @Test func serverErrorsRetryWithBackoffThenDeadLetterAndTheDeadLetterRoundTrips() throws {
        let database = try Service.dictionary.openInMemory()
        let server = try QueueFixtures.stubServer()
        defer { server.stop() }
        server.enqueue(.reply(status: 500, body: "a"), .reply(status: 503, body: "b"), .reply(status: 500, body: "c"))
        let clock = FakeClock()
        let processor = QueueFixtures.processor(database: database, generator: QueueFixtures.generator(server), clock: clock)
        let id = try processor.queue.enqueue(term: "Crescendo", languages: ["en"]).itemID

        #expect(try processor.runOnce(owner: "w").retriesScheduled == 1)
        #expect(try processor.runOnce(owner: "w").claimed == 0, "not before retry_after")
        clock.advance(by: 5)
        #expect(try processor.runOnce(owner: "w").retriesScheduled == 1)
        clock.advance(by: 9)
        #expect(try processor.runOnce(owner: "w").claimed == 0)
        clock.advance(by: 1)
        #expect(try processor.runOnce(owner: "w").deadLettered == 1)
        #expect(server.requests.count == 3)
        #expect(try processor.queue.item(id: id) == nil)
        #expect(try TableRows.count(database, "ai_model_usage", where: "success = 0") == 3)
        #expect(try processor.ledger.status(model: "stub-model").reserved == 0)

        let dlq = DeadLetterQueue(database: database, clock: clock)
        let letter = try #require(try dlq.list().first)
        #expect(letter.errorType == "api_error" && letter.attempts == 3)
        #expect(letter.failureReason == "api error: HTTP 500: c")
        try dlq.retry(id: letter.id)
        let report = try processor.runOnce(owner: "w")
        #expect(report.completedItems == 1 && report.languagesStored == 1)
        #expect(try processor.queue.item(id: id)?.status == "completed")
        #expect(try TableRows.count(database, "recovery_history", where: "item_id = ?", [id]) == 4)
    }

    @Test func rateLimitRetryAfterOverridesTheShorterBackoff() throws {
        let database = try Service.dictionary.openInMemory()
        let server = try QueueFixtures.stubServer()
        defer { server.stop() }
        server.enqueue(.reply(status: 429, body: "{}", headers: ["Retry-After": "60"]))
        let clock = FakeClock()
        let processor = QueueFixtures.processor(database: database, generator: QueueFixtures.generator(server), clock: clock)
        let id = try processor.queue.enqueue(term: "Fine", languages: ["en"]).itemID
        #expect(try processor.runOnce(owner: "w").retriesScheduled == 1)
        #expect(try processor.queue.item(id: id)?.retryAfter == Timestamp.format(clock.now().addingTimeInterval(60)))
        #expect(try processor.queue.item(id: id)?.errorType == "api_error")
        clock.advance(by: 59)
        #expect(try processor.runOnce(owner: "w").claimed == 0)
        clock.advance(by: 1)
        #expect(try processor.runOnce(owner: "w").completedItems == 1)
    }

    @Test func partialFailureKeepsFinishedLanguages() throws {
        let database = try Service.dictionary.openInMemory()
        let server = try QueueFixtures.stubServer()
        defer { server.stop() }
        server.enqueue(.chatCompletion(content: QueueFixtures.goodReply(), promptTokens: 1, completionTokens: 1), .hang(seconds: 5))
        let clock = FakeClock()
        let generator = QueueFixtures.generator(server, timeout: 1.5)
        let processor = QueueFixtures.processor(database: database, generator: generator, clock: clock)
        let id = try processor.queue.enqueue(term: "Vibrato", languages: ["en", "es"]).itemID
        let report = try processor.runOnce(owner: "w")
        #expect(report.languagesStored == 1 && report.retriesScheduled == 1, "\(report)")
        let item = try #require(try processor.queue.item(id: id))
        #expect(item.status == "pending" && item.languages == ["es"] && item.completedLanguages == ["en"])
        #expect(item.errorMessage == "api timeout after 1.5 s")
        clock.advance(by: 5)
        let second = try processor.runOnce(owner: "w")
        #expect(second.languagesStored == 1 && second.completedItems == 1)
        #expect(try TableRows.count(database, "dictionary_entries", where: "normalized_term = 'vibrato'") == 2)
        #expect(server.requests.count == 3)
    }

    @Test func exhaustedBudgetReleasesTheItemUntilMidnightWithoutSpendingAnAttempt() throws {
        let database = try Service.dictionary.openInMemory()
        let server = try QueueFixtures.stubServer()
        defer { server.stop() }
        let clock = FakeClock()
        // Room for one call at its ceiling; after its real 300 tokens the next ceiling no longer fits.
        let generator = QueueFixtures.generator(server)
        let processor = QueueFixtures.processor(
            database: database, generator: generator, clock: clock,
            budget: TokenBudget(defaultLimit: .tokens(generator.tokenCeiling(term: "Ostinato", lang: "en") + 250))
        )
        let id = try processor.queue.enqueue(term: "Ostinato", languages: ["en", "fr", "de"]).itemID
        let report = try processor.runOnce(owner: "w")
        #expect(report.budgetExhausted && report.languagesStored == 1 && report.released == 1)
        let item = try #require(try processor.queue.item(id: id))
        #expect(item.status == "pending" && item.attempts == 0 && item.languages == ["fr", "de"])
        #expect(item.retryAfter == Timestamp.format(FailureClassifier.nextUTCMidnight(after: clock.now())))
        #expect(try processor.ledger.status(model: "stub-model").used == 300)
        #expect(server.requests.count == 1)
    }

    @Test func existingEntriesAreNotRegeneratedAndStopRequestsReleaseWork() throws {
        let database = try Service.dictionary.openInMemory()
        _ = try EntryRepository(database: database).create(EntryDraft(
            term: "Coda", lang: .en, type: .form, definition: EntryDefinition(concise: "The end.", detailed: "The closing section.")
        ))
        let generator = ScriptedGenerator([.entry(ScriptedGenerator.fullEntry(), tokens: 10)])
        let clock = FakeClock()
        let processor = QueueFixtures.processor(database: database, generator: generator, clock: clock)
        let coda = try processor.queue.enqueue(term: "CODA", languages: ["en", "es"]).itemID
        let report = try processor.runOnce(owner: "w")
        #expect(report.languagesAlreadyPresent == 1 && report.languagesStored == 1 && report.completedItems == 1)
        #expect(generator.calls.map(\.lang) == ["es"])
        #expect(try processor.queue.item(id: coda)?.status == "completed")

        let stopped = try processor.queue.enqueue(term: "Segno", languages: ["en"]).itemID
        let stopReport = try processor.runOnce(owner: "w", shouldStop: { true })
        #expect(stopReport.released == 1)
        let item = try #require(try processor.queue.item(id: stopped))
        #expect(item.status == "pending" && item.attempts == 0 && item.leaseOwner == nil)
    }

    @Test func qualityFailuresAreRetriedOnceThenDeadLettered() throws {
        let database = try Service.dictionary.openInMemory()
        let generator = ScriptedGenerator([.failure(GenerationError.invalidEntry("x")), .failure(GenerationError.invalidEntry("y"))])
        let clock = FakeClock()
        let processor = QueueFixtures.processor(database: database, generator: generator, clock: clock)
        _ = try processor.queue.enqueue(term: "Glissando", languages: ["en"])
        #expect(try processor.runOnce(owner: "w").retriesScheduled == 1)
        clock.advance(by: 5)
        #expect(try processor.runOnce(owner: "w").deadLettered == 1)
        #expect(try DeadLetterQueue(database: database).list().first?.errorType == "quality_failure")
    }
}
