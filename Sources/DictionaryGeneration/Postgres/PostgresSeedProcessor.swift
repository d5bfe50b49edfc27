import DictPostgres
package import DictionaryCore
package import DictionaryQueues
import Foundation

/// `SeedProcessor` on PostgreSQL's `dictionary` schema, step for step: claims a batch under a lease
/// (`PostgresSeedQueue`, `FOR UPDATE SKIP LOCKED`, so workers on any host take disjoint items), and per remaining
/// language reserves the call's worst case in `PostgresTokenLedger`, generates, settles, then in ONE transaction (which
/// first locks the item and checks the lease) stores the entry or a review item, queues it for embedding and marks the
/// language done. A worker killed at any point loses at most the language in flight; nothing is stored twice.
///
/// The generator's call blocks its thread (URLSession under a semaphore, as on SQLite); a worker runs one item at a
/// time, so this holds one of the pool's threads per worker, never a connection (none is leased across the call).
package struct PostgresSeedProcessor: Sendable {
    package let queue: PostgresSeedQueue
    package let ledger: PostgresTokenLedger
    package let generator: any DefinitionGenerator
    /// Stores accepted entries (kept when the key exists) and queues new ones for its embedding models.
    package let entries: PostgresEntryWriter
    /// Recorded in stored entries' `ai_metadata.model`.
    package let generatorModel: String?
    package let settings: SeedProcessorSettings
    /// Where failures that do not stop the run (usage rows, releases) are recorded.
    package var failures = OperationalFailures.shared

    package init(
        queue: PostgresSeedQueue, ledger: PostgresTokenLedger, generator: any DefinitionGenerator, entries: PostgresEntryWriter,
        generatorModel: String? = nil, settings: SeedProcessorSettings = SeedProcessorSettings()
    ) {
        self.queue = queue
        self.ledger = ledger
        self.generator = generator
        self.entries = entries
        self.generatorModel = generatorModel
        self.settings = settings
    }

    private var engine: PostgresQueueEngine { queue.engine }
    private var session: PostgresSession { queue.session }

    /// As `SeedProcessor.runOnce`.
    package func runOnce(owner: String, shouldStop: @Sendable () -> Bool = { false }) async throws -> SeedRunReport {
        var report = SeedRunReport()
        let abandoned = try await ledger.bookAbandonedReservations()
        report.abandonedReservations = abandoned.count
        report.abandonedTokens = abandoned.tokens
        let items = try await queue.claim(owner: owner, limit: settings.batchSize, leaseDuration: settings.leaseDuration)
        report.claimed = items.count
        for item in items {
            if shouldStop() || report.budgetExhausted {
                try await release(item, owner: owner, notBefore: nil, report: &report)
                continue
            }
            try await process(item, owner: owner, shouldStop: shouldStop, report: &report)
        }
        return report
    }

    private func process(_ item: SeedQueueItem, owner: String, shouldStop: @Sendable () -> Bool, report: inout SeedRunReport) async throws {
        for lang in item.languages {
            if shouldStop() {
                try await release(item, owner: owner, notBefore: nil, report: &report)
                return
            }
            do {
                try await session.transaction { session in
                    try await engine.renewLease(session, itemID: item.id, owner: owner, leaseDuration: settings.leaseDuration)
                }
                if try await entries.hasEntry(term: item.term, lang: lang, in: session) {
                    let updated = try await session.transaction { session in
                        try await queue.markLanguageDone(session, itemID: item.id, owner: owner, language: lang)
                    }
                    report.languagesAlreadyPresent += 1
                    if updated.status == "completed" { report.completedItems += 1 }
                    continue
                }
                let reservation: TokenReservation
                do {
                    reservation = try await ledger.reserve(
                        model: generator.modelName, tokens: generator.tokenCeiling(term: item.term, lang: lang),
                        holder: "\(owner)/\(item.id)/\(lang)", ttl: settings.reservationTTL
                    )
                } catch let error as TokenLedgerError {
                    guard case .budgetExceeded = error else { throw error }
                    report.budgetExhausted = true
                    try await release(item, owner: owner, notBefore: FailureClassifier.nextUTCMidnight(after: engine.clock.now()), report: &report)
                    return
                }
                let result = try await generate(item: item, lang: lang, reservation: reservation)
                report.tokensUsed += result.totalTokens
                if result.totalTokens > reservation.tokens {
                    report.errors.append("\(item.term) (\(lang)): \(result.totalTokens) tokens reported, above the reserved ceiling \(reservation.tokens)")
                }
                let (sentToReview, completed) = try await session.transaction { session in
                    try await commit(result, item: item, lang: lang, owner: owner, in: session)
                }
                if sentToReview { report.sentToReview += 1 } else { report.languagesStored += 1 }
                if completed { report.completedItems += 1 }
            } catch let error as QueueError {
                if case .leaseLost = error {
                    report.leasesLost += 1
                    report.errors.append("\(item.term) (\(lang)): \(error)")
                    return
                }
                try await recordFailure(error, item: item, lang: lang, owner: owner, report: &report)
                return
            } catch {
                try await recordFailure(error, item: item, lang: lang, owner: owner, report: &report)
                return
            }
        }
    }

    /// As `SeedProcessor`'s: the call between a reservation and its settlement, recorded in `ai_model_usage`.
    private func generate(item: SeedQueueItem, lang: String, reservation: TokenReservation) async throws -> GenerationResult {
        let started = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6 }
        do {
            let result = try generator.generate(term: item.term, lang: lang)
            try await ledger.settle(reservation, actualTokens: result.totalTokens, termsProcessed: 1)
            await recordCall(ModelCall(
                model: generator.modelName, provider: generator.provider, operation: .generation, promptTokens: result.promptTokens,
                completionTokens: result.completionTokens, latencyMilliseconds: elapsed(), success: true
            ), term: item.term)
            return result
        } catch {
            do { try await ledger.release(reservation) } catch let releaseError {
                failures.record(.tokenReservationRelease, releaseError, context: "returning \(reservation.tokens) tokens of \(reservation.model) after generating \(item.term) failed")
            }
            await recordCall(ModelCall(
                model: generator.modelName, provider: generator.provider, operation: .generation, promptTokens: 0, completionTokens: 0,
                latencyMilliseconds: elapsed(), success: false, errorMessage: FailureClassifier.describe(error)
            ), term: item.term)
            throw error
        }
    }

    private func recordCall(_ call: ModelCall, term: String) async {
        do { try await ledger.record(call) } catch {
            failures.record(.modelUsageRecord, error, context: "usage row of a \(call.model) generation of \(term)")
        }
    }

    /// Marks the language done first (it locks the item and checks the lease, so a worker that lost it commits
    /// nothing), then stores the entry or the review item. Returns whether it went to review and whether the item is
    /// now completed.
    private func commit(
        _ result: GenerationResult, item: SeedQueueItem, lang: String, owner: String, in session: PostgresSession
    ) async throws -> (sentToReview: Bool, completed: Bool) {
        let updated = try await queue.markLanguageDone(session, itemID: item.id, owner: owner, language: lang)
        let completed = updated.status == "completed"
        if result.entry.qualityScore < settings.qualityThreshold {
            try await PostgresManualReviewQueue(session: session, clock: engine.clock)
                .add(session, entry: result.entry, lang: lang, seedItemID: item.id, threshold: settings.qualityThreshold)
            return (true, completed)
        }
        let draft = try RepositoryEntrySink.draft(result.entry, lang: lang, generatorModel: generatorModel)
        let stored = try await entries.insertKeepingExisting(draft, in: session)
        if let model = settings.embeddingModel {
            try await PostgresEmbeddingQueue(session: session, clock: engine.clock).enqueue([(stored.id, stored.inserted ? .missing : .stale)], model: model)
        }
        return (false, completed)
    }

    private func release(_ item: SeedQueueItem, owner: String, notBefore: Date?, report: inout SeedRunReport) async throws {
        do {
            try await session.transaction { session in
                try await engine.release(session, itemID: item.id, owner: owner, notBefore: notBefore, refundAttempt: true)
            }
            report.released += 1
        } catch QueueError.leaseLost {
            report.leasesLost += 1
        }
    }

    private func recordFailure(_ error: any Error, item: SeedQueueItem, lang: String, owner: String, report: inout SeedRunReport) async throws {
        report.errors.append("\(item.term) (\(lang)): \(FailureClassifier.describe(error))")
        do {
            let outcome = try await session.transaction { session -> FailureOutcome in
                let attempts = try await engine.leasedAttempts(session, itemID: item.id, owner: owner)
                let failure = FailureClassifier.classify(error, attempts: attempts, now: engine.clock.now())
                return try await engine.fail(session, itemID: item.id, owner: owner, failure: failure)
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
