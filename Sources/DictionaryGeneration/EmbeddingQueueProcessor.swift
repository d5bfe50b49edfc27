package import DictEmbedding
import DictStore
package import DictionaryQueues
package import Foundation
package import DictionaryCore
import GRDB

/// Works through the embedding queue for one model: claims a batch of that model's items, composes each entry's
/// text (`EmbeddingText`), meters the tokens through the ledger (reserve the counted tokens, embed, settle),
/// embeds the batch in one call, validates every vector (count, dimension, finite values) and commits each vector
/// together with its item's completion.
package struct EmbeddingQueueProcessor: Sendable {
    /// The queue worked on.
    package let queue: EmbeddingQueue
    /// Meters tokens and enforces the daily budget.
    package let ledger: TokenLedger
    /// Computes the vectors.
    package let embedder: any Embedder
    /// Stores the vectors.
    package let writer: any VectorWriter
    /// Where failures that do not stop the run (usage rows, releases) are recorded.
    package var failures = OperationalFailures.shared
    /// Items per claim (one `embed` call).
    package var batchSize: Int
    /// Seconds a claim stays valid.
    package var leaseDuration: TimeInterval

    /// Creates a value from its parts.
    package init(
        queue: EmbeddingQueue, ledger: TokenLedger, embedder: any Embedder, writer: any VectorWriter,
        batchSize: Int = 32, leaseDuration: TimeInterval = 300
    ) {
        self.queue = queue
        self.ledger = ledger
        self.embedder = embedder
        self.writer = writer
        self.batchSize = batchSize
        self.leaseDuration = leaseDuration
    }

    private var engine: QueueEngine { queue.engine }
    private var database: StoreDatabase { queue.database }

    /// Claims and processes one batch of `embedder.modelName` items for `owner`: `prepare`, `embed`, `finish`.
    package func runOnce(owner: String) throws -> EmbeddingRunReport {
        let batch = try prepare(owner: owner)
        return try finish(batch, vectors: embed(batch), owner: owner)
    }

    /// Claims a batch for `owner`, composes each entry's texts (entries deleted meanwhile complete without a vector,
    /// unreadable ones fail) and reserves their tokens. When the budget refuses, the items are released for the
    /// next UTC day and the batch comes back empty with `report.budgetExhausted`.
    package func prepare(owner: String) throws -> EmbeddingBatch {
        var batch = EmbeddingBatch(work: [], tokens: 0, reservation: nil, report: EmbeddingRunReport())
        let model = embedder.modelName
        let items = try database.write { db in
            try engine.claim(db, owner: owner, limit: batchSize, leaseDuration: leaseDuration,
                             scope: ("model = ?", [model])).map(EmbeddingQueueItem.init(row:))
        }
        batch.report.claimed = items.count
        guard !items.isEmpty else { return batch }

        // One read transaction and one compiled statement for the whole batch rather than one per item.
        let rows = try database.read { db in
            let select = try db.cachedStatement(sql: "SELECT term, definition FROM dictionary_entries WHERE id = ?")
            return try items.map { item in try Row.fetchOne(select, arguments: [item.entryID]) }
        }
        var gone: [EmbeddingQueueItem] = []
        for (item, row) in zip(items, rows) {
            guard let row else {
                gone.append(item)
                continue
            }
            do {
                batch.work.append((item, try EmbeddingText.chunks(term: row["term"], definitionJSON: row["definition"], entryID: item.entryID, model: model)))
            } catch {
                try fail(item, error: error, owner: owner, report: &batch.report)
            }
        }
        if !gone.isEmpty {
            try database.write { db in
                for item in gone { try engine.complete(db, itemID: item.id, owner: owner) }
            }
            batch.report.entriesGone += gone.count
        }
        guard !batch.work.isEmpty else { return batch }

        batch.tokens = batch.texts.reduce(0) { $0 + max(0, embedder.tokenCount(of: $1)) }
        guard batch.tokens > 0 else { return batch }
        do {
            batch.reservation = try ledger.reserve(model: model, tokens: batch.tokens, holder: owner, ttl: leaseDuration)
        } catch TokenLedgerError.budgetExceeded {
            batch.report.budgetExhausted = true
            let resume = FailureClassifier.nextUTCMidnight(after: engine.clock.now())
            for (item, _) in batch.work {
                do {
                    try database.write { db in
                        try engine.release(db, itemID: item.id, owner: owner, notBefore: resume, refundAttempt: true)
                    }
                } catch {
                    // The item comes back anyway when its lease expires.
                    failures.record(.queueItemRelease, error, context: "handing back embedding item \(item.id) when the budget ran out")
                }
            }
            batch.work = []
            batch.tokens = 0
        }
        return batch
    }

    /// The vectors of a prepared batch, with the call's latency for the ledger. Touches no database, so it can run
    /// on another thread while this processor prepares or finishes other batches.
    package func embed(_ batch: EmbeddingBatch) -> EmbeddingOutcome {
        let texts = batch.texts
        guard !texts.isEmpty else { return EmbeddingOutcome(vectors: .success([]), milliseconds: 0) }
        let started = DispatchTime.now()
        let vectors = Result { () throws -> [[Float]] in
            let vectors = try embedder.embed(texts)
            guard vectors.count == texts.count else { throw EmbeddingError.countMismatch(expected: texts.count, found: vectors.count) }
            return vectors
        }
        return EmbeddingOutcome(vectors: vectors, milliseconds: Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6)
    }

    /// Settles the batch's tokens, validates every vector (count, dimension, finite values) and commits each
    /// entry's vectors together with its item's completion (one transaction for the batch, a savepoint per item so
    /// one bad item does not undo the others); a failed embedding fails every item.
    package func finish(_ batch: EmbeddingBatch, vectors outcome: EmbeddingOutcome, owner: String) throws -> EmbeddingRunReport {
        var report = batch.report
        guard !batch.work.isEmpty else { return report }
        let model = embedder.modelName
        let vectors: [[Float]]
        switch outcome.vectors {
        case .success(let result):
            vectors = result
        case .failure(let error):
            if let reservation = batch.reservation {
                do { try ledger.release(reservation) } catch let releaseError {
                    failures.record(.tokenReservationRelease, releaseError, context: "returning \(reservation.tokens) tokens of \(model) after a failed embedding")
                }
            }
            for (item, _) in batch.work { try fail(item, error: error, owner: owner, report: &report) }
            return report
        }
        if let reservation = batch.reservation {
            try ledger.settle(reservation, actualTokens: batch.tokens, termsProcessed: batch.work.count)
        }
        report.tokensUsed = batch.tokens
        do {
            try ledger.record(ModelCall(
                model: model, provider: .local, operation: .embedding, promptTokens: batch.tokens, completionTokens: 0,
                latencyMilliseconds: outcome.milliseconds, success: true
            ))
        } catch {
            failures.record(.modelUsageRecord, error, context: "usage row of a \(model) batch of \(batch.work.count) entries")
        }

        var failures: [(EmbeddingQueueItem, any Error)] = []
        try database.write { db in
            var offset = 0
            for (item, itemTexts) in batch.work {
                let itemVectors = Array(vectors[offset..<(offset + itemTexts.count)])
                offset += itemTexts.count
                do {
                    try db.inSavepoint {
                        for vector in itemVectors {
                            guard vector.count == embedder.dimension else {
                                throw EmbeddingError.dimensionMismatch(expected: embedder.dimension, found: vector.count, entryID: item.entryID)
                            }
                            guard vector.allSatisfy(\.isFinite) else { throw EmbeddingError.nonFiniteValue(entryID: item.entryID) }
                        }
                        _ = try engine.leasedRow(db, itemID: item.id, owner: owner)
                        try writer.write(entryID: item.entryID, model: model, vectors: itemVectors,
                                         sourceHash: EmbeddingText.sourceHash(of: itemTexts), in: db)
                        try engine.complete(db, itemID: item.id, owner: owner)
                        return .commit
                    }
                    report.embedded += 1
                    report.vectorsWritten += itemVectors.count
                } catch QueueError.leaseLost {
                    report.leasesLost += 1
                } catch {
                    failures.append((item, error))
                }
            }
        }
        for (item, error) in failures { try fail(item, error: error, owner: owner, report: &report) }
        return report
    }

    private func fail(_ item: EmbeddingQueueItem, error: any Error, owner: String, report: inout EmbeddingRunReport) throws {
        report.errors.append("entry \(item.entryID): \(FailureClassifier.describe(error))")
        do {
            let outcome = try database.write { db -> FailureOutcome in
                let attempts: Int = try engine.leasedRow(db, itemID: item.id, owner: owner)["attempts"]
                return try engine.fail(db, itemID: item.id, owner: owner,
                                       failure: FailureClassifier.classify(error, attempts: attempts, now: engine.clock.now()))
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
