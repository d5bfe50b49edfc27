package import DictEmbedding
import DictPostgres
package import DictionaryCore
package import DictionaryQueues
package import Foundation

/// `EmbeddingQueueProcessor` on PostgreSQL's `dictionary` schema: claims a batch of one model's items under a lease
/// (`PostgresEmbeddingQueue`, `FOR UPDATE SKIP LOCKED`), composes each entry's texts (`EmbeddingText`), reserves their
/// tokens in the ledger (`PostgresTokenLedger`), embeds the batch in one call and writes its vectors together with the
/// items' completion in one transaction (`PostgresEmbeddingStore.replace`). A failed embedding is retried with
/// backoff, then dead-lettered; a refused budget hands the batch back for the next UTC day; a lost lease commits
/// nothing. `run` pipelines batches as the SQLite processor does (`PostgresEmbeddingQueueProcessor+Pipeline.swift`).
package struct PostgresEmbeddingQueueProcessor: Sendable {
    package let queue: PostgresEmbeddingQueue
    package let store: PostgresEmbeddingStore
    package let ledger: PostgresTokenLedger
    package let embedder: any Embedder
    /// Where failures that do not stop the run (usage rows, releases) are recorded.
    package var failures = OperationalFailures.shared
    /// Items per claim (one `embed` call).
    package var batchSize: Int
    /// Seconds a claim stays valid.
    package var leaseDuration: TimeInterval

    package init(
        queue: PostgresEmbeddingQueue, store: PostgresEmbeddingStore, ledger: PostgresTokenLedger, embedder: any Embedder,
        batchSize: Int = 32, leaseDuration: TimeInterval = 300
    ) {
        self.queue = queue
        self.store = store
        self.ledger = ledger
        self.embedder = embedder
        self.batchSize = batchSize
        self.leaseDuration = leaseDuration
    }

    /// Queues every entry whose chunk-0 vector of the model is missing or was computed from other text (one scan);
    /// entries already queued keep their items. Returns how many were missing and stale, and the entries whose
    /// definitions cannot be read (not queued), one line each.
    package func queueWork() async throws -> (missing: Int, stale: Int, unreadable: [String]) {
        let model = embedder.modelName
        var work: [(entryID: String, reason: EmbeddingReason)] = []
        var unreadable: [String] = []
        for entry in try await store.entries(model: model) {
            do {
                let hash = EmbeddingText.sourceHash(of: try Self.chunks(of: entry, model: model))
                guard entry.sourceHash != hash else { continue }
                work.append((entry.id, entry.sourceHash == nil ? .missing : .stale))
            } catch {
                unreadable.append("\(entry.id): \(error)")
            }
        }
        try await queue.enqueue(work, model: model)
        let missing = work.filter { $0.reason == .missing }.count
        return (missing, work.count - missing, unreadable)
    }

    /// Claims and processes one batch of at most `limit` items (and `batchSize`).
    package func runOnce(owner: String, limit: Int) async throws -> EmbeddingRunReport {
        let batch = try await prepare(owner: owner, limit: limit)
        guard !batch.work.isEmpty else { return batch.report }
        return try await finish(batch, outcome: embed(batch), owner: owner)
    }

    /// Claims a batch of at most `limit` items (and `batchSize`), reads and composes their texts (an unreadable
    /// definition fails its item) and reserves their tokens; a refused budget hands the items back for the next UTC
    /// day (`report.budgetExhausted`) and leaves nothing to embed.
    func prepare(owner: String, limit: Int) async throws -> EmbeddingBatch {
        var batch = EmbeddingBatch(work: [], tokens: 0, reservation: nil, report: EmbeddingRunReport())
        let model = embedder.modelName
        let items = try await queue.claim(owner: owner, limit: min(batchSize, limit), leaseDuration: leaseDuration, model: model)
        batch.report.claimed = items.count
        guard !items.isEmpty else { return batch }
        let texts = Dictionary(uniqueKeysWithValues: try await store.entries(model: model, ids: items.map(\.entryID)).map { ($0.id, $0) })
        for item in items {
            // An entry deleted since it was claimed took its item with it (ON DELETE CASCADE).
            guard let entry = texts[item.entryID] else {
                batch.report.entriesGone += 1
                continue
            }
            do {
                batch.work.append((item, try Self.chunks(of: entry, model: model)))
            } catch {
                try await fail(item, error: error, retryable: false, owner: owner, report: &batch.report)
            }
        }
        guard !batch.work.isEmpty else { return batch }
        batch.tokens = batch.texts.reduce(0) { $0 + max(0, embedder.tokenCount(of: $1)) }
        do {
            batch.reservation = try await ledger.reserve(model: model, tokens: max(1, batch.tokens), holder: owner, ttl: leaseDuration)
        } catch TokenLedgerError.budgetExceeded {
            // The batch waits for the next UTC day's budget; its attempt is given back.
            let resume = FailureClassifier.nextUTCMidnight(after: queue.engine.clock.now())
            try await queue.session.transaction { session in
                for entry in batch.work {
                    try await queue.engine.release(session, itemID: entry.item.id, owner: owner, notBefore: resume, refundAttempt: true)
                }
            }
            batch.report.budgetExhausted = true
            batch.work = []
        }
        return batch
    }

    /// Embeds the batch's texts in one call (CPU only; no database).
    func embed(_ batch: EmbeddingBatch) -> EmbeddingOutcome {
        let texts = batch.texts
        let started = DispatchTime.now()
        let vectors = Result<[[Float]], any Error> {
            let vectors = try embedder.embed(texts)
            guard vectors.count == texts.count else { throw EmbeddingError.countMismatch(expected: texts.count, found: vectors.count) }
            return vectors
        }
        return EmbeddingOutcome(vectors: vectors, milliseconds: Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6)
    }

    /// Settles the batch: a failed embedding gives its tokens back and fails its items (retried with backoff, then
    /// dead-lettered); otherwise the tokens are settled and the vectors written together with the items'
    /// completion in one transaction (a lost lease writes nothing).
    func finish(_ batch: EmbeddingBatch, outcome: EmbeddingOutcome, owner: String) async throws -> EmbeddingRunReport {
        var report = batch.report
        let model = embedder.modelName
        guard let reservation = batch.reservation else { return report }
        let vectors: [[Float]]
        switch outcome.vectors {
        case .success(let embedded): vectors = embedded
        case .failure(let error):
            do { try await ledger.release(reservation) } catch let releaseError {
                failures.record(.tokenReservationRelease, releaseError, context: "returning \(reservation.tokens) tokens of \(model) after a failed embedding")
            }
            for entry in batch.work { try await fail(entry.item, error: error, retryable: nil, owner: owner, report: &report) }
            return report
        }
        try await ledger.settle(reservation, actualTokens: batch.tokens, termsProcessed: batch.work.count)
        report.tokensUsed = batch.tokens
        do {
            try await ledger.record(ModelCall(
                model: model, provider: .local, operation: .embedding, promptTokens: batch.tokens, completionTokens: 0,
                latencyMilliseconds: outcome.milliseconds, success: true))
        } catch {
            failures.record(.modelUsageRecord, error, context: "usage row of a \(model) batch of \(batch.work.count) entries")
        }
        var next = 0
        let entries = batch.work.map { entry -> (entryID: String, sourceHash: String, vectors: [[Float]]) in
            defer { next += entry.texts.count }
            return (entry.item.entryID, EmbeddingText.sourceHash(of: entry.texts), Array(vectors[next..<(next + entry.texts.count)]))
        }
        let itemIDs = batch.work.map(\.item.id)
        let engine = queue.engine
        do {
            // The vectors and their items' completion commit together: a lost lease writes nothing.
            report.vectorsWritten = try await store.replace(model: model, dimension: embedder.dimension, entries: entries) { session in
                try await engine.complete(session, itemIDs: itemIDs, owner: owner)
            }
            report.embedded = batch.work.count
        } catch let error as QueueError {
            guard case .leaseLost = error else { throw error }
            report.leasesLost = batch.work.count
            report.errors.append("\(error)")
        }
        return report
    }

    /// The texts embedded for `entry` (one per sense).
    static func chunks(of entry: PostgresEmbeddingStore.EntryText, model: String) throws -> [String] {
        try EmbeddingText.chunks(term: entry.term, definitionJSON: entry.definition, entryID: entry.id, model: model)
    }

    /// Records the item's failure (classified from `error` unless `retryable` says): retried later or dead-lettered.
    private func fail(_ item: EmbeddingQueueItem, error: any Error, retryable: Bool?, owner: String, report: inout EmbeddingRunReport) async throws {
        let now = queue.engine.clock.now()
        var failure = FailureClassifier.classify(error, attempts: item.attempts, now: now)
        if let retryable { failure = ClassifiedFailure(message: failure.message, type: failure.type, isRetryable: retryable) }
        let outcome = try await queue.session.transaction { session in
            try await queue.engine.fail(session, itemID: item.id, owner: owner, failure: failure)
        }
        switch outcome {
        case .retryScheduled: report.retriesScheduled += 1
        case .deadLettered: report.deadLettered += 1
        }
        report.errors.append("\(item.entryID): \(failure.message)")
    }
}
