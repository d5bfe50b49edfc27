import Foundation

extension EmbeddingQueueProcessor {
    /// Works the queue until `limit` items have been claimed (or none are left, or the budget refuses), batch
    /// after batch, calling `onBatch` with each finished batch's report; returns the totals.
    ///
    /// Pipelined: while one batch is embedded on another thread (where the embedder spreads it over its own
    /// workers), this thread writes the previous batch's vectors and claims and reads the next one, so the encoder
    /// does not wait for the database. Each batch's items are committed as in `runOnce`; an interruption leaves at
    /// most two batches leased, and their leases expire.
    public func run(owner: String, limit: Int = .max, onBatch: (EmbeddingRunReport) -> Void = { _ in }) throws -> EmbeddingRunReport {
        var totals = EmbeddingRunReport()
        var claimed = 0
        var claiming = true
        // The next batch, or nil when claiming is over; an empty or refused batch ends claiming (its report counts).
        func prepareNext() throws -> EmbeddingBatch? {
            guard claiming, claimed < limit else { return nil }
            var processor = self
            processor.batchSize = min(batchSize, limit - claimed)
            let batch = try processor.prepare(owner: owner)
            claimed += batch.report.claimed
            if batch.report.claimed == 0 || batch.report.budgetExhausted { claiming = false }
            return batch
        }
        var job = try prepareNext().map { EmbeddingJob(batch: $0, processor: self) }
        while let current = job {
            let next = try prepareNext()
            let outcome = current.wait()
            job = next.map { EmbeddingJob(batch: $0, processor: self) }
            let report = try finish(current.batch, vectors: outcome, owner: owner)
            totals.add(report)
            onBatch(report)
        }
        return totals
    }
}

/// One batch being embedded on a global-queue thread; `wait` blocks until its outcome is ready.
private final class EmbeddingJob: @unchecked Sendable {
    let batch: EmbeddingBatch
    private let done = DispatchSemaphore(value: 0)
    // Written once on the worker before `done` is signalled, read only after `wait` returns.
    private var outcome: EmbeddingOutcome?

    init(batch: EmbeddingBatch, processor: EmbeddingQueueProcessor) {
        self.batch = batch
        DispatchQueue.global(qos: .userInitiated).async {
            self.outcome = processor.embed(batch)
            self.done.signal()
        }
    }

    func wait() -> EmbeddingOutcome {
        done.wait()
        return outcome!
    }
}
