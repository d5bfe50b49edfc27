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
/// nothing. Batches run one after another (no pipelining yet).
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

    /// Batches for `owner` until `limit` items are handled, none is claimable or the budget refuses; `onBatch` gets
    /// each batch's report.
    package func run(owner: String, limit: Int, onBatch: (EmbeddingRunReport) -> Void = { _ in }) async throws -> EmbeddingRunReport {
        var total = EmbeddingRunReport()
        while total.claimed < limit {
            let report = try await runOnce(owner: owner, limit: limit - total.claimed)
            total.add(report)
            onBatch(report)
            if report.claimed == 0 || report.budgetExhausted { break }
        }
        return total
    }

    /// Claims and processes one batch of at most `limit` items (and `batchSize`).
    package func runOnce(owner: String, limit: Int) async throws -> EmbeddingRunReport {
        var report = EmbeddingRunReport()
        let model = embedder.modelName
        let items = try await queue.claim(owner: owner, limit: min(batchSize, limit), leaseDuration: leaseDuration, model: model)
        report.claimed = items.count
        guard !items.isEmpty else { return report }
        let texts = Dictionary(uniqueKeysWithValues: try await store.entries(model: model, ids: items.map(\.entryID)).map { ($0.id, $0) })
        var work: [(item: EmbeddingQueueItem, chunks: [String], hash: String)] = []
        for item in items {
            // An entry deleted since it was claimed took its item with it (ON DELETE CASCADE).
            guard let entry = texts[item.entryID] else {
                report.entriesGone += 1
                continue
            }
            do {
                let chunks = try Self.chunks(of: entry, model: model)
                work.append((item, chunks, EmbeddingText.sourceHash(of: chunks)))
            } catch {
                try await fail(item, error: error, retryable: false, owner: owner, report: &report)
            }
        }
        guard !work.isEmpty else { return report }
        let batchTexts = work.flatMap(\.chunks)
        let tokens = batchTexts.reduce(0) { $0 + max(0, embedder.tokenCount(of: $1)) }
        let reservation: TokenReservation
        do {
            reservation = try await ledger.reserve(model: model, tokens: max(1, tokens), holder: owner, ttl: leaseDuration)
        } catch TokenLedgerError.budgetExceeded {
            // The batch waits for the next UTC day's budget; its attempt is given back.
            let resume = FailureClassifier.nextUTCMidnight(after: queue.engine.clock.now())
            try await queue.session.transaction { session in
                for entry in work {
                    try await queue.engine.release(session, itemID: entry.item.id, owner: owner, notBefore: resume, refundAttempt: true)
                }
            }
            report.budgetExhausted = true
            return report
        }
        let started = DispatchTime.now()
        let vectors: [[Float]]
        do {
            vectors = try embedder.embed(batchTexts)
            guard vectors.count == batchTexts.count else {
                throw EmbeddingError.countMismatch(expected: batchTexts.count, found: vectors.count)
            }
        } catch {
            do { try await ledger.release(reservation) } catch let releaseError {
                failures.record(.tokenReservationRelease, releaseError, context: "returning \(reservation.tokens) tokens of \(model) after a failed embedding")
            }
            for entry in work { try await fail(entry.item, error: error, retryable: nil, owner: owner, report: &report) }
            return report
        }
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
        try await ledger.settle(reservation, actualTokens: tokens, termsProcessed: work.count)
        report.tokensUsed = tokens
        do {
            try await ledger.record(ModelCall(
                model: model, provider: .local, operation: .embedding, promptTokens: tokens, completionTokens: 0,
                latencyMilliseconds: milliseconds, success: true))
        } catch {
            failures.record(.modelUsageRecord, error, context: "usage row of a \(model) batch of \(work.count) entries")
        }
        var next = 0
        let entries = work.map { entry -> (entryID: String, sourceHash: String, vectors: [[Float]]) in
            defer { next += entry.chunks.count }
            return (entry.item.entryID, entry.hash, Array(vectors[next..<(next + entry.chunks.count)]))
        }
        let itemIDs = work.map(\.item.id)
        let engine = queue.engine
        do {
            // The vectors and their items' completion commit together: a lost lease writes nothing.
            report.vectorsWritten = try await store.replace(model: model, dimension: embedder.dimension, entries: entries) { session in
                try await engine.complete(session, itemIDs: itemIDs, owner: owner)
            }
            report.embedded = work.count
        } catch let error as QueueError {
            guard case .leaseLost = error else { throw error }
            report.leasesLost = work.count
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
