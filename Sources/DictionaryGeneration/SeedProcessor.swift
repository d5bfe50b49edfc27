import DictStore
package import DictionaryQueues
package import DictionaryCore
import Foundation
import GRDB

/// Works through the seed queue: claims items with a lease, and for each remaining language reserves the call's
/// worst case (`DefinitionGenerator.tokenCeiling`: prompt bound + `max_tokens`), generates, settles the real count, then in ONE transaction (which first checks the lease is still held) stores
/// the entry (or a manual-review item), queues it for embedding and records the language as done. A worker killed at
/// any point therefore loses at most the language in flight, which the next claim redoes, and never stores twice.
package struct SeedProcessor: Sendable {
    /// The queue worked on.
    package let queue: SeedQueue
    /// Meters tokens and enforces the daily budget.
    package let ledger: TokenLedger
    /// Writes the entries.
    package let generator: any DefinitionGenerator
    /// Stores accepted entries.
    package let sink: any GeneratedEntrySink
    /// Thresholds, batch size, lease and estimates.
    package let settings: SeedProcessorSettings
    /// Where failures that do not stop the run (usage rows, releases) are recorded.
    package var failures = OperationalFailures.shared

    /// Creates a value from its parts.
    package init(
        queue: SeedQueue, ledger: TokenLedger, generator: any DefinitionGenerator, sink: any GeneratedEntrySink,
        settings: SeedProcessorSettings = SeedProcessorSettings()
    ) {
        self.queue = queue
        self.ledger = ledger
        self.generator = generator
        self.sink = sink
        self.settings = settings
    }

    private var engine: QueueEngine { queue.engine }
    private var database: StoreDatabase { queue.database }

    /// Claims one batch for `owner` and processes it. `shouldStop` is polled between languages: when it turns true
    /// the current item is released (pending again, attempt refunded) and the rest of the batch too.
    package func runOnce(owner: String, shouldStop: @Sendable () -> Bool = { false }) throws -> SeedRunReport {
        var report = SeedRunReport()
        // A killed worker's reservation is booked now, not after its lifetime, and shows up in this report.
        let abandoned = try ledger.bookAbandonedReservations()
        report.abandonedReservations = abandoned.count
        report.abandonedTokens = abandoned.tokens
        let items = try queue.claim(owner: owner, limit: settings.batchSize, leaseDuration: settings.leaseDuration)
        report.claimed = items.count
        for item in items {
            if shouldStop() || report.budgetExhausted {
                try release(item, owner: owner, notBefore: nil, report: &report)
                continue
            }
            try process(item, owner: owner, shouldStop: shouldStop, report: &report)
        }
        return report
    }

    private func process(_ item: SeedQueueItem, owner: String, shouldStop: @Sendable () -> Bool, report: inout SeedRunReport) throws {
        for lang in item.languages {
            if shouldStop() {
                try release(item, owner: owner, notBefore: nil, report: &report)
                return
            }
            do {
                try database.write { db in
                    try engine.renewLease(db, itemID: item.id, owner: owner, leaseDuration: settings.leaseDuration)
                }
                let present = try database.read { db in try sink.hasEntry(term: item.term, lang: lang, in: db) }
                if present {
                    let updated = try database.write { db in
                        try queue.markLanguageDone(db, itemID: item.id, owner: owner, language: lang)
                    }
                    report.languagesAlreadyPresent += 1
                    if updated.status == "completed" { report.completedItems += 1 }
                    continue
                }
                let reservation: TokenReservation
                do {
                    // The worst case, not an estimate: the real count is booked at settlement, and only a
                    // reservation that covers it keeps concurrent workers under the budget.
                    reservation = try ledger.reserve(
                        model: generator.modelName, tokens: generator.tokenCeiling(term: item.term, lang: lang),
                        holder: "\(owner)/\(item.id)/\(lang)", ttl: settings.reservationTTL
                    )
                } catch let error as TokenLedgerError {
                    guard case .budgetExceeded = error else { throw error }
                    report.budgetExhausted = true
                    try release(item, owner: owner, notBefore: FailureClassifier.nextUTCMidnight(after: engine.clock.now()), report: &report)
                    return
                }
                let result = try generate(item: item, lang: lang, reservation: reservation)
                report.tokensUsed += result.totalTokens
                if result.totalTokens > reservation.tokens {
                    // Only a server miscounting its usage gets here; the real count is booked all the same.
                    report.errors.append("\(item.term) (\(lang)): \(result.totalTokens) tokens reported, above the reserved ceiling \(reservation.tokens)")
                }
                let (outcome, completed) = try database.write { db in
                    try commit(result, item: item, lang: lang, owner: owner, in: db)
                }
                switch outcome {
                case .stored: report.languagesStored += 1
                case .sentToReview: report.sentToReview += 1
                }
                if completed { report.completedItems += 1 }
            } catch let error as QueueError {
                if case .leaseLost = error {
                    report.leasesLost += 1
                    report.errors.append("\(item.term) (\(lang)): \(error)")
                    return
                }
                try recordFailure(error, item: item, lang: lang, owner: owner, report: &report)
                return
            } catch {
                try recordFailure(error, item: item, lang: lang, owner: owner, report: &report)
                return
            }
        }
    }

    /// Calls the generator between a reservation and its settlement, and records the call in `ai_model_usage`.
    private func generate(item: SeedQueueItem, lang: String, reservation: TokenReservation) throws -> GenerationResult {
        let started = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6 }
        do {
            let result = try generator.generate(term: item.term, lang: lang)
            try ledger.settle(reservation, actualTokens: result.totalTokens, termsProcessed: 1)
            recordCall(ModelCall(
                model: generator.modelName, provider: generator.provider, operation: .generation,
                promptTokens: result.promptTokens, completionTokens: result.completionTokens,
                latencyMilliseconds: elapsed(), success: true
            ), term: item.term)
            return result
        } catch {
            // The work did not produce tokens we know of; give the estimate back.
            do { try ledger.release(reservation) } catch let releaseError {
                failures.record(.tokenReservationRelease, releaseError, context: "returning \(reservation.tokens) tokens of \(reservation.model) after generating \(item.term) failed")
            }
            recordCall(ModelCall(
                model: generator.modelName, provider: generator.provider, operation: .generation, promptTokens: 0,
                completionTokens: 0, latencyMilliseconds: elapsed(), success: false,
                errorMessage: FailureClassifier.describe(error)
            ), term: item.term)
            throw error
        }
    }

    /// Writes the call's usage row; a failure loses only that row, so it is recorded, not thrown.
    private func recordCall(_ call: ModelCall, term: String) {
        do { try ledger.record(call) } catch {
            failures.record(.modelUsageRecord, error, context: "usage row of a \(call.model) generation of \(term)")
        }
    }

    private enum LanguageOutcome { case stored, sentToReview }

    /// Stores the result and marks the language done; the lease check inside `markLanguageDone` runs first, so a
    /// worker that lost its lease commits nothing.
    private func commit(_ result: GenerationResult, item: SeedQueueItem, lang: String, owner: String, in db: Database) throws -> (LanguageOutcome, completed: Bool) {
        let updated = try queue.markLanguageDone(db, itemID: item.id, owner: owner, language: lang)
        let completed = updated.status == "completed"
        if result.entry.qualityScore < settings.qualityThreshold {
            try ManualReviewQueue(database: database, clock: engine.clock)
                .add(db, entry: result.entry, lang: lang, seedItemID: item.id, threshold: settings.qualityThreshold)
            return (.sentToReview, completed)
        }
        let stored = try sink.store(result.entry, lang: lang, in: db)
        if let model = settings.embeddingModel {
            try EmbeddingQueue(database: database, clock: engine.clock)
                .enqueue(db, entryID: stored.id, model: model, reason: stored.inserted ? .missing : .stale)
        }
        return (.stored, completed)
    }

    private func release(_ item: SeedQueueItem, owner: String, notBefore: Date?, report: inout SeedRunReport) throws {
        do {
            try database.write { db in
                try engine.release(db, itemID: item.id, owner: owner, notBefore: notBefore, refundAttempt: true)
            }
            report.released += 1
        } catch QueueError.leaseLost {
            report.leasesLost += 1
        }
    }

    private func recordFailure(_ error: any Error, item: SeedQueueItem, lang: String, owner: String, report: inout SeedRunReport) throws {
        report.errors.append("\(item.term) (\(lang)): \(FailureClassifier.describe(error))")
        do {
            let outcome = try database.write { db -> FailureOutcome in
                let attempts: Int = try engine.leasedRow(db, itemID: item.id, owner: owner)["attempts"]
                let failure = FailureClassifier.classify(error, attempts: attempts, now: engine.clock.now())
                return try engine.fail(db, itemID: item.id, owner: owner, failure: failure)
            }
            switch outcome {
            case .retryScheduled: report.retriesScheduled += 1
            case .deadLettered: report.deadLettered += 1
            }
        } catch QueueError.leaseLost {
            report.leasesLost += 1
        }
    }
}
