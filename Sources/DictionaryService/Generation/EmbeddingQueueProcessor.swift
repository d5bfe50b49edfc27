import DictStore
import Foundation
import GRDB

/// Works through the embedding queue for one model: claims a batch of that model's items, composes each entry's
/// text (`EmbeddingText`), meters the tokens through the ledger (reserve the counted tokens, embed, settle),
/// embeds the batch in one call, validates every vector (count, dimension, finite values) and commits each vector
/// together with its item's completion.
public struct EmbeddingQueueProcessor: Sendable {
    /// The queue worked on.
    public let queue: EmbeddingQueue
    /// Meters tokens and enforces the daily budget.
    public let ledger: TokenLedger
    /// Computes the vectors.
    public let embedder: any TextEmbedder
    /// Stores the vectors.
    public let writer: any VectorWriter
    /// Items per claim (one `embed` call).
    public var batchSize: Int
    /// Seconds a claim stays valid.
    public var leaseDuration: TimeInterval

    /// Creates a value from its parts.
    public init(
        queue: EmbeddingQueue, ledger: TokenLedger, embedder: any TextEmbedder, writer: any VectorWriter,
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

    /// Claims and processes one batch of `embedder.modelName` items for `owner`.
    public func runOnce(owner: String) throws -> EmbeddingRunReport {
        var report = EmbeddingRunReport()
        let model = embedder.modelName
        let items = try database.write { db in
            try engine.claim(db, owner: owner, limit: batchSize, leaseDuration: leaseDuration,
                             scope: ("model = ?", [model])).map(EmbeddingQueueItem.init(row:))
        }
        report.claimed = items.count
        guard !items.isEmpty else { return report }

        // Compose texts; entries deleted meanwhile complete without a vector, unreadable ones fail.
        var work: [(item: EmbeddingQueueItem, texts: [String])] = []
        for item in items {
            do {
                let row = try database.read { db in
                    try Row.fetchOne(db, sql: "SELECT term, definition FROM dictionary_entries WHERE id = ?", arguments: [item.entryID])
                }
                guard let row else {
                    try database.write { db in try engine.complete(db, itemID: item.id, owner: owner) }
                    report.entriesGone += 1
                    continue
                }
                work.append((item, try EmbeddingText.chunks(term: row["term"], definitionJSON: row["definition"], entryID: item.entryID)))
            } catch {
                try fail(item, error: error, owner: owner, report: &report)
            }
        }
        guard !work.isEmpty else { return report }

        let texts = work.flatMap(\.texts)
        let tokens = texts.reduce(0) { $0 + max(0, embedder.tokenCount(of: $1)) }
        var reservation: TokenReservation?
        if tokens > 0 {
            do {
                reservation = try ledger.reserve(model: model, tokens: tokens, holder: owner, ttl: leaseDuration)
            } catch TokenLedgerError.budgetExceeded {
                report.budgetExhausted = true
                let resume = FailureClassifier.nextUTCMidnight(after: engine.clock.now())
                for (item, _) in work {
                    try? database.write { db in
                        try engine.release(db, itemID: item.id, owner: owner, notBefore: resume, refundAttempt: true)
                    }
                }
                return report
            }
        }
        let started = DispatchTime.now()
        let vectors: [[Float]]
        do {
            vectors = try embedder.embed(texts)
            guard vectors.count == texts.count else { throw EmbeddingError.countMismatch(expected: texts.count, found: vectors.count) }
        } catch {
            if let reservation { try? ledger.release(reservation) }
            for (item, _) in work { try fail(item, error: error, owner: owner, report: &report) }
            return report
        }
        if let reservation { try ledger.settle(reservation, actualTokens: tokens, termsProcessed: work.count) }
        report.tokensUsed = tokens
        try? ledger.record(ModelCall(
            model: model, provider: .local, operation: .embedding, promptTokens: tokens, completionTokens: 0,
            latencyMilliseconds: Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6,
            success: true
        ))

        var offset = 0
        for (item, itemTexts) in work {
            let itemVectors = Array(vectors[offset..<(offset + itemTexts.count)])
            offset += itemTexts.count
            do {
                for vector in itemVectors {
                    guard vector.count == embedder.dimension else {
                        throw EmbeddingError.dimensionMismatch(expected: embedder.dimension, found: vector.count, entryID: item.entryID)
                    }
                    guard vector.allSatisfy(\.isFinite) else { throw EmbeddingError.nonFiniteValue(entryID: item.entryID) }
                }
                try database.write { db in
                    _ = try engine.leasedRow(db, itemID: item.id, owner: owner)
                    try writer.write(entryID: item.entryID, model: model, vectors: itemVectors,
                                     sourceHash: EmbeddingText.sourceHash(of: itemTexts), in: db)
                    try engine.complete(db, itemID: item.id, owner: owner)
                }
                report.embedded += 1
                report.vectorsWritten += itemVectors.count
            } catch QueueError.leaseLost {
                report.leasesLost += 1
            } catch {
                try fail(item, error: error, owner: owner, report: &report)
            }
        }
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
