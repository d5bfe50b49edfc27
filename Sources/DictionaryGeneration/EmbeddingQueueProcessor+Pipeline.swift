import Foundation

extension EmbeddingQueueProcessor {
    /// Works the queue until `limit` items have been claimed (or none are left, or the budget refuses), batch
    /// after batch, calling `onBatch` with each finished batch's report in claim order; returns the totals.
    ///
    /// Pipelined: `batchesInFlight` batches are embedded at once, each on its own thread (give the embedder one
    /// worker and this as many batches as there are cores), while this thread writes finished batches and claims
    /// and reads the next one, which waits ready so a thread that finishes starts again at once. Whole batches per
    /// thread rather than shards of one batch per thread: no thread waits for another at the end of each batch
    /// (on WordNet the shard barrier left 13 % of two cores idle). Each batch's items are committed as in
    /// `runOnce`; an interruption leaves at most `batchesInFlight + 1` batches leased, and their leases expire.
    package func run(
        owner: String, limit: Int = .max, batchesInFlight: Int = 1, onBatch: (EmbeddingRunReport) -> Void = { _ in }
    ) throws -> EmbeddingRunReport {
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
        var jobs: [EmbeddingJob] = []
        while jobs.count < max(1, batchesInFlight), let batch = try prepareNext() {
            jobs.append(EmbeddingJob(batch: batch, processor: self))
        }
        var ready = try prepareNext()
        while !jobs.isEmpty {
            let current = jobs.removeFirst()
            let outcome = current.wait()
            if let batch = ready {
                jobs.append(EmbeddingJob(batch: batch, processor: self))
            }
            let report = try finish(current.batch, vectors: outcome, owner: owner)
            totals.add(report)
            onBatch(report)
            if ready != nil { ready = try prepareNext() }
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
