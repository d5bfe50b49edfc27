import DictionaryQueues
import Foundation

extension PostgresEmbeddingQueueProcessor {
    /// Works the queue for `owner` until `limit` items have been claimed (or none are left, or the budget refuses),
    /// calling `onBatch` with each finished batch's report in claim order; returns the totals.
    ///
    /// Pipelined like `EmbeddingQueueProcessor.run`: `batchesInFlight` batches are embedded at once, each on its own
    /// thread (give the embedder one worker and this as many batches as there are cores), while this task writes
    /// finished batches and claims and reads the next one. The database is used by this task only, one statement
    /// after another; an interruption leaves at most `batchesInFlight + 1` batches leased, and their leases expire.
    package func run(
        owner: String, limit: Int, batchesInFlight: Int = 1, onBatch: (EmbeddingRunReport) -> Void = { _ in }
    ) async throws -> EmbeddingRunReport {
        var totals = EmbeddingRunReport()
        var claimed = 0
        var claiming = true
        // The next batch, or nil when claiming is over; an empty or refused batch ends claiming (its report counts).
        func prepareNext() async throws -> EmbeddingBatch? {
            guard claiming, claimed < limit else { return nil }
            let batch = try await prepare(owner: owner, limit: limit - claimed)
            claimed += batch.report.claimed
            if batch.report.claimed == 0 || batch.report.budgetExhausted { claiming = false }
            return batch
        }
        var jobs: [(batch: EmbeddingBatch, outcome: Task<EmbeddingOutcome, Never>)] = []
        func start(_ batch: EmbeddingBatch) {
            let processor = self
            jobs.append((batch, Task { await processor.embedOffPool(batch) }))
        }
        while jobs.count < max(1, batchesInFlight), let batch = try await prepareNext() { start(batch) }
        var ready = try await prepareNext()
        while !jobs.isEmpty {
            let current = jobs.removeFirst()
            let outcome = await current.outcome.value
            if let batch = ready { start(batch) }
            let report = try await finish(current.batch, outcome: outcome, owner: owner)
            totals.add(report)
            onBatch(report)
            if ready != nil { ready = try await prepareNext() }
        }
        return totals
    }

    /// `embed` on a global-queue thread: the encoder computes for a whole batch and must not hold a thread of the
    /// cooperative pool, which the database driver's continuations need.
    private func embedOffPool(_ batch: EmbeddingBatch) async -> EmbeddingOutcome {
        guard !batch.work.isEmpty else { return EmbeddingOutcome(vectors: .success([]), milliseconds: 0) }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: embed(batch)) }
        }
    }
}
