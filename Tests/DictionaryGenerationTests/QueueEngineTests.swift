import DictMigrations
import DictStore
import DictTesting
import Foundation
import GRDB
import Testing
@testable import DictionaryCore
@testable import DictionaryGeneration
@testable import DictionaryQueues

@Suite struct QueueEngineTests {
    @Test(arguments: DatabaseKind.allCases)
    func enqueueIsIdempotentForTheSameNormalizedTermAndLanguageSet(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let queue = SeedQueue(database: database, clock: FakeClock())
        let first = try queue.enqueue(term: "Allegro", languages: ["fr", "en"])
        let second = try queue.enqueue(term: "  ALLEGRO ", languages: ["en", "fr", "en"])
        let otherSet = try queue.enqueue(term: "allegro", languages: ["en"])
        #expect(first.inserted)
        #expect(!second.inserted)
        #expect(second.itemID == first.itemID)
        #expect(otherSet.inserted)
        #expect(try TableRows.count(database, "seed_queue") == 2)
        let item = try #require(try queue.item(id: first.itemID))
        #expect(item.languages == ["en", "fr"])
        #expect(item.normalizedTerm == "allegro")
    }

    @Test func enqueueRejectsBadInput() throws {
        let queue = SeedQueue(database: try Service.dictionary.openInMemory(), clock: FakeClock())
        #expect(throws: QueueError.emptyTerm) { try queue.enqueue(term: " \u{200B} ", languages: ["en"]) }
        #expect(throws: QueueError.noLanguages) { try queue.enqueue(term: "x", languages: []) }
        #expect(throws: QueueError.unsupportedLanguage(code: "it", supported: SeedLanguages.supported)) {
            try queue.enqueue(term: "x", languages: ["it"])
        }
        #expect(throws: QueueError.invalidPriority(11)) { try queue.enqueue(term: "x", languages: ["en"], priority: 11) }
        #expect(throws: QueueError.termTooLong(length: 201, maximum: 200)) {
            try queue.enqueue(term: String(repeating: "a", count: 201), languages: ["en"])
        }
    }

    @Test(arguments: DatabaseKind.allCases)
    func claimLeasesByPriorityThenAgeAndNeverTwice(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let clock = FakeClock()
        let queue = SeedQueue(database: database, clock: clock)
        let low = try queue.enqueue(term: "low", languages: ["en"], priority: 2).itemID
        clock.advance(by: 1)
        let oldHigh = try queue.enqueue(term: "old high", languages: ["en"], priority: 9).itemID
        clock.advance(by: 1)
        let newHigh = try queue.enqueue(term: "new high", languages: ["en"], priority: 9).itemID
        let a = try queue.claim(owner: "a", limit: 2, leaseDuration: 30)
        let b = try queue.claim(owner: "b", limit: 5, leaseDuration: 30)
        #expect(a.map(\.id) == [oldHigh, newHigh])
        #expect(b.map(\.id) == [low])
        #expect(try queue.claim(owner: "c", limit: 5, leaseDuration: 30).isEmpty)
        #expect(a.allSatisfy { $0.status == "processing" && $0.attempts == 1 && $0.leaseOwner == "a" })
    }

    @Test func expiredLeaseReturnsItemToPendingWithHistory() throws {
        let database = try Service.dictionary.openInMemory()
        let clock = FakeClock()
        let queue = SeedQueue(database: database, clock: clock)
        let id = try queue.enqueue(term: "fermata", languages: ["en"]).itemID
        _ = try queue.claim(owner: "dead-worker", limit: 1, leaseDuration: 10)
        clock.advance(by: 9.9)
        #expect(try queue.claim(owner: "other", limit: 1, leaseDuration: 10).isEmpty)
        clock.advance(by: 0.2)
        let reclaimed = try queue.claim(owner: "other", limit: 1, leaseDuration: 10)
        #expect(reclaimed.map(\.id) == [id])
        #expect(reclaimed.first?.attempts == 2)
        #expect(try TableRows.count(database, "recovery_history", where: "item_id = ? AND action = 'recovered'", [id]) == 1)
        // The dead worker cannot complete what it no longer holds.
        #expect(throws: QueueError.leaseLost(queue: .seed, itemID: id, owner: "dead-worker")) {
            try database.write { db in try queue.engine.complete(db, itemID: id, owner: "dead-worker") }
        }
    }

    @Test func leaseExpiryOnTheLastAttemptDeadLetters() throws {
        let database = try Service.dictionary.openInMemory()
        let clock = FakeClock()
        let queue = SeedQueue(database: database, policy: RetryPolicy(maxAttempts: 2), clock: clock)
        let id = try queue.enqueue(term: "poison", languages: ["en"]).itemID
        for _ in 0..<2 {
            #expect(try queue.claim(owner: "w", limit: 1, leaseDuration: 5).count == 1)
            clock.advance(by: 6)
        }
        #expect(try queue.claim(owner: "w", limit: 1, leaseDuration: 5).isEmpty)
        #expect(try TableRows.count(database, "seed_queue") == 0)
        #expect(try TableRows.count(database, "dead_letter_queue", where: "original_id = ?", [id]) == 1)
    }

    @Test func backoffDoublesUpToTheCap() {
        let policy = RetryPolicy(maxAttempts: 10, base: .seconds(5), cap: .seconds(300))
        #expect((1...8).map { policy.delay(afterAttempt: $0) } == [5, 10, 20, 40, 80, 160, 300, 300])
        #expect(policy.delay(afterAttempt: 10_000) == 300)
    }

    @Test(arguments: DatabaseKind.allCases)
    func retriesHonourBackoffThenDeadLetterAfterMaxAttempts(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let clock = FakeClock()
        let queue = SeedQueue(database: database, clock: clock)
        let engine = queue.engine
        let id = try queue.enqueue(term: "sforzando", languages: ["en", "de"]).itemID
        let failure = ClassifiedFailure(message: "api error: HTTP 500", type: .apiError, isRetryable: true)
        var expectedDelays: [TimeInterval] = []
        for attempt in 1...3 {
            let claimed = try queue.claim(owner: "w", limit: 1, leaseDuration: 60)
            #expect(claimed.map(\.id) == [id], "attempt \(attempt)")
            let start = clock.now()
            let outcome = try database.write { db in try engine.fail(db, itemID: id, owner: "w", failure: failure) }
            if attempt < 3 {
                let delay = RetryPolicy().delay(afterAttempt: attempt)
                expectedDelays.append(delay)
                #expect(outcome == .retryScheduled(at: start.addingTimeInterval(delay)))
                clock.advance(by: delay - 0.001)
                #expect(try queue.claim(owner: "w", limit: 1, leaseDuration: 60).isEmpty, "claimable before retry_after")
                clock.advance(by: 0.001)
            } else {
                guard case .deadLettered = outcome else { Issue.record("expected a dead letter, got \(outcome)"); return }
            }
        }
        #expect(expectedDelays == [5, 10])
        #expect(try TableRows.count(database, "seed_queue") == 0)
        let letter = try #require(try DeadLetterQueue(database: database, clock: clock).list().first)
        #expect(letter.originalID == id)
        #expect(letter.attempts == 3)
        #expect(letter.errorType == "api_error")
        #expect(letter.failureReason == "api error: HTTP 500")
        let analysis = try #require(JSONText.decode(letter.failureAnalysis ?? "") as? [String: Any])
        #expect(analysis["error_type"] as? String == "api_error")
        #expect(try TableRows.count(database, "recovery_history", where: "action = 'retry_scheduled' AND item_id = ?", [id]) == 2)
        #expect(try TableRows.count(database, "recovery_history", where: "action = 'moved_to_dlq' AND item_id = ?", [id]) == 1)
    }

    @Test func nonRetryableFailureDeadLettersAtOnceAndRetryAfterHintWins() throws {
        let database = try Service.dictionary.openInMemory()
        let clock = FakeClock()
        let queue = SeedQueue(database: database, clock: clock)
        let a = try queue.enqueue(term: "a", languages: ["en"]).itemID
        let b = try queue.enqueue(term: "b", languages: ["en"]).itemID
        _ = try queue.claim(owner: "w", limit: 2, leaseDuration: 60)
        let permanent = ClassifiedFailure(message: "constraint failed", type: .databaseError, isRetryable: false)
        let hinted = FailureClassifier.classify(GenerationError.rateLimited(retryAfter: 120), attempts: 1, now: clock.now())
        let outcomeA = try database.write { db in try queue.engine.fail(db, itemID: a, owner: "w", failure: permanent) }
        let outcomeB = try database.write { db in try queue.engine.fail(db, itemID: b, owner: "w", failure: hinted) }
        guard case .deadLettered = outcomeA else { Issue.record("expected dead letter"); return }
        #expect(outcomeB == .retryScheduled(at: clock.now().addingTimeInterval(120)))
    }

    @Test(arguments: DatabaseKind.allCases)
    func deadLetterRetryRestoresTheItemExactly(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let clock = FakeClock()
        let queue = SeedQueue(database: database, clock: clock)
        let id = try queue.enqueue(term: "Rubato", languages: ["en", "fr", "de"], priority: 8, category: "tempo").itemID
        _ = try queue.claim(owner: "w", limit: 1, leaseDuration: 60)
        try database.write { db in _ = try queue.markLanguageDone(db, itemID: id, owner: "w", language: "en") }
        let failure = ClassifiedFailure(message: "boom", type: .unknown, isRetryable: false)
        _ = try database.write { db in try queue.engine.fail(db, itemID: id, owner: "w", failure: failure) }
        let dlq = DeadLetterQueue(database: database, clock: clock)
        let letter = try #require(try dlq.list().first)
        #expect(try dlq.retry(id: letter.id) == id)
        #expect(try dlq.list().isEmpty)
        let restored = try #require(try queue.item(id: id))
        #expect(restored.status == "pending")
        #expect(restored.attempts == 0)
        #expect(restored.languages == ["fr", "de"])
        #expect(restored.completedLanguages == ["en"])
        #expect(restored.priority == 8)
        #expect(restored.errorMessage == nil)
        #expect(try TableRows.count(database, "recovery_history", where: "action = 'recovered' AND item_id = ?", [id]) == 1)
        #expect(try queue.claim(owner: "w2", limit: 1, leaseDuration: 60).map(\.id) == [id])
        #expect(throws: QueueError.deadLetterNotFound(id: letter.id)) { try dlq.retry(id: letter.id) }
    }

    @Test func deadLetterRetryRefusesWhenAnEquivalentItemIsOpen() throws {
        let database = try Service.dictionary.openInMemory()
        let clock = FakeClock()
        let queue = SeedQueue(database: database, clock: clock)
        let id = try queue.enqueue(term: "coda", languages: ["en"]).itemID
        _ = try queue.claim(owner: "w", limit: 1, leaseDuration: 60)
        _ = try database.write { db in
            try queue.engine.fail(db, itemID: id, owner: "w", failure: ClassifiedFailure(message: "x", type: .unknown, isRetryable: false))
        }
        _ = try queue.enqueue(term: "Coda", languages: ["en"])
        let dlq = DeadLetterQueue(database: database, clock: clock)
        let letter = try #require(try dlq.list().first)
        #expect(throws: QueueError.alreadyQueued(queue: .seed, deadLetterID: letter.id)) { try dlq.retry(id: letter.id) }
        #expect(try dlq.list().count == 1)
    }

    @Test func partialLanguageProgressKeepsOnlyRemainingLanguagesPending() throws {
        let database = try Service.dictionary.openInMemory()
        let clock = FakeClock()
        let queue = SeedQueue(database: database, clock: clock)
        let id = try queue.enqueue(term: "legato", languages: ["en", "es", "fr"]).itemID
        _ = try queue.claim(owner: "w", limit: 1, leaseDuration: 60)
        try database.write { db in _ = try queue.markLanguageDone(db, itemID: id, owner: "w", language: "en") }
        _ = try database.write { db in
            try queue.engine.fail(db, itemID: id, owner: "w",
                                  failure: ClassifiedFailure(message: "timeout", type: .apiError, isRetryable: true))
        }
        let item = try #require(try queue.item(id: id))
        #expect(item.status == "pending")
        #expect(item.languages == ["es", "fr"])
        #expect(item.completedLanguages == ["en"])
        clock.advance(by: 5)
        _ = try queue.claim(owner: "w", limit: 1, leaseDuration: 60)
        try database.write { db in
            _ = try queue.markLanguageDone(db, itemID: id, owner: "w", language: "es")
            let last = try queue.markLanguageDone(db, itemID: id, owner: "w", language: "fr")
            #expect(last.status == "completed")
        }
        let done = try #require(try queue.item(id: id))
        #expect(done.status == "completed")
        #expect(done.completedLanguages == ["en", "es", "fr"])
        #expect(done.languages.isEmpty)
    }

    @Test func purgeRemovesOnlyOldCompletedItemsAndOldDeadLetters() throws {
        let database = try Service.dictionary.openInMemory()
        let clock = FakeClock()
        let queue = SeedQueue(database: database, clock: clock)
        func finish(_ term: String) throws -> String {
            let id = try queue.enqueue(term: term, languages: ["en"]).itemID
            _ = try queue.claim(owner: "w", limit: 1, leaseDuration: 60)
            try database.write { db in _ = try queue.markLanguageDone(db, itemID: id, owner: "w", language: "en") }
            return id
        }
        let old = try finish("old")
        let deadOld = try queue.enqueue(term: "dead old", languages: ["en"]).itemID
        _ = try queue.claim(owner: "w", limit: 1, leaseDuration: 60)
        _ = try database.write { db in
            try queue.engine.fail(db, itemID: deadOld, owner: "w", failure: ClassifiedFailure(message: "x", type: .unknown, isRetryable: false))
        }
        clock.advance(by: 8 * 86_400)
        let recent = try finish("recent")
        let pending = try queue.enqueue(term: "pending", languages: ["en"]).itemID
        let maintenance = QueueMaintenance(
            database: database, retention: RetentionPolicy(completedItemDays: 7, deadLetterDays: 30), clock: clock
        )
        var report = try maintenance.purge()
        #expect(report.completedSeedItems == 1)
        #expect(report.deadLetters == 0)
        #expect(try queue.item(id: old) == nil)
        #expect(try queue.item(id: recent) != nil)
        #expect(try queue.item(id: pending) != nil)
        clock.advance(by: 23 * 86_400)
        report = try maintenance.purge()
        #expect(report.deadLetters == 1)
        #expect(report.completedSeedItems == 1)
        #expect(try queue.item(id: pending)?.status == "pending")
    }

    @Test func bulkImportAppliesLimitsAndReportsDuplicates() throws {
        let database = try Service.dictionary.openInMemory()
        let queue = SeedQueue(database: database, clock: FakeClock())
        _ = try EntryRepository(database: database).create(EntryDraft(
            term: "Presto", lang: .en, type: .tempo, definition: EntryDefinition(concise: "Very fast.", detailed: "Very fast indeed.")
        ))
        _ = try queue.enqueue(term: "Largo", languages: ["en"])
        let text = "Allegro\r\n\n  allegro \nPresto\nLargo\n" + String(repeating: "x", count: 101) + "\nAdagio\n"
        let report = try queue.bulkImport(text: text, languages: ["en"])
        #expect(report.totalSubmitted == 6)
        #expect(report.queued.map(\.term) == ["Allegro", "Adagio"])
        #expect(Set(report.duplicates.map(\.term)) == ["allegro", "Presto", "Largo"])
        #expect(report.rejected.count == 1)
        #expect(throws: QueueError.importEmpty) { try queue.bulkImport(text: "\n \n") }
        #expect(throws: QueueError.importLimitExceeded(what: "characters", limit: 50_000, found: 50_001)) {
            try queue.bulkImport(text: String(repeating: "a", count: 50_001))
        }
        let many = (0..<501).map { "term \($0)" }.joined(separator: "\n")
        #expect(throws: QueueError.importLimitExceeded(what: "terms", limit: 500, found: 501)) { try queue.bulkImport(text: many) }
    }

    @Test func classificationFollowsTheOriginalRules() {
        let now = Date(timeIntervalSince1970: 1_768_478_400)
        #expect(FailureClassifier.classify(message: "Daily token budget exhausted") == .tokenLimit)
        #expect(FailureClassifier.classify(message: "Quality score too low") == .qualityFailure)
        #expect(FailureClassifier.classify(message: "request timeout") == .apiError)
        #expect(FailureClassifier.classify(message: "UNIQUE constraint failed") == .databaseError)
        #expect(FailureClassifier.classify(message: "Failed to generate for any language") == .unknown)

        let budget = FailureClassifier.classify(
            TokenLedgerError.budgetExceeded(model: "m", date: "2026-01-15", limit: 1, used: 1, reserved: 0, requested: 1),
            attempts: 1, now: now)
        #expect(budget.type == .tokenLimit && budget.isRetryable)
        #expect(budget.notBefore == Date(timeIntervalSince1970: 1_768_521_600))
        let quality1 = FailureClassifier.classify(GenerationError.invalidEntry("x"), attempts: 1, now: now)
        let quality2 = FailureClassifier.classify(GenerationError.invalidEntry("x"), attempts: 2, now: now)
        #expect(quality1.type == .qualityFailure && quality1.isRetryable)
        #expect(!quality2.isRetryable)
        #expect(FailureClassifier.classify(GenerationError.httpStatus(code: 503, body: ""), attempts: 2, now: now).isRetryable)
        #expect(!FailureClassifier.classify(GenerationError.httpStatus(code: 401, body: ""), attempts: 1, now: now).isRetryable)
        let limited = FailureClassifier.classify(GenerationError.rateLimited(retryAfter: 30), attempts: 1, now: now)
        #expect(limited.type == .apiError && limited.notBefore == now.addingTimeInterval(30))
        struct Opaque: Error, CustomStringConvertible { var description: String { "database is locked" } }
        let opaque = FailureClassifier.classify(Opaque(), attempts: 1, now: now)
        #expect(opaque.type == .databaseError && !opaque.isRetryable)
        let unknown = FailureClassifier.classify(QueueError.importEmpty, attempts: 2, now: now)
        #expect(unknown.type == .unknown && !unknown.isRetryable)
    }
}
