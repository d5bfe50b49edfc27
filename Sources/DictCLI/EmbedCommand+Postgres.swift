import ArgumentParser
import DictEmbedding
import DictMigrations
import DictPostgres
import DictionaryCore
import DictionaryGeneration
import DictionaryQueues
import DictionarySearch
import Foundation

extension EmbedCommand {
    /// `dict embed --database`: as on SQLite, through the embedding queue (`PostgresEmbeddingQueueProcessor`): one
    /// scan queues the entries whose chunk-0 vector of the model is missing or was computed from other text, then
    /// batches of `--batch-size` items are claimed under a lease, metered in the schema's ledger (the daily budget of
    /// `QueueConfiguration`), `threads` batches embedded at once, one thread each, and written with their items' completion in one
    /// transaction. Several processes share the work; a killed run's items come back when their lease expires. An
    /// entry whose definition cannot be read is reported and not queued, a spent budget stops the run; both, and
    /// retried or dead-lettered items, end with exit 3. The model is recorded as the schema's semantic model when
    /// every entry has its vectors.
    func runPostgres(_ location: PostgresLocation, threads: Int) async throws {
        do {
            try await Service.dictionary.withPostgres(location) { session in
                let store = PostgresEmbeddingStore(session: session)
                let recorded = try await store.recordedModel()
                let withVectors = try await store.modelsWithVectors()
                let chosen = try model ?? SemanticModelChoice.resolve(recorded: recorded, withVectors: withVectors).model
                // As on SQLite: an implicit choice is recorded before another model's vectors make it ambiguous.
                let runnable = withVectors.compactMap(SemanticModel.init(rawValue:))
                if recorded == nil, runnable.count == 1, let current = runnable.first, current != chosen {
                    try await store.recordModel(current.rawValue, dimension: current.dimension)
                }
                // One worker per batch, `threads` batches at once (`PostgresEmbeddingQueueProcessor.run`).
                let (embedder, queryEmbedder) = try chosen.load(modelDirectory: modelDir, workers: 1)
                let (missing, stale, unreadable, totals) = try await embedThroughPostgresQueue(embedder, session: session, threads: threads)
                let coverage = try await store.coverage(model: embedder.modelName)
                var note: String?
                if coverage.entries > 0, coverage.covered == coverage.entries, recorded != chosen.rawValue {
                    try await store.recordModel(chosen.rawValue, dimension: embedder.dimension)
                    if !(recorded == nil && chosen == SemanticModel.defaultModel) {
                        note = "semantic model changed from \(recorded ?? "the default (\(SemanticModel.defaultModel.rawValue))") to \(chosen.rawValue)"
                    }
                } else if coverage.covered < coverage.entries, recorded != chosen.rawValue {
                    note = "\(chosen.rawValue) vectors are incomplete (\(coverage.covered) of \(coverage.entries) entries): "
                        + "search keeps using \(recorded ?? SemanticModel.defaultModel.rawValue) until `dict embed --model \(chosen.rawValue)` completes"
                }
                let shifts = try await takeLanguageShifts(chosen, queries: queryEmbedder, changed: totals.embedded > 0, session: session)
                let companion = try await embedCompanion(of: chosen, session: session, threads: threads)
                if global.json {
                    let body: [String: Any] = [
                        "language_shifts": shifts.map { ["languages": $0.languages, "pairs": $0.pairs] } ?? NSNull(),
                        "model": embedder.modelName, "queued_missing": missing, "queued_stale": stale, "entries_embedded": totals.embedded,
                        "vectors_written": totals.vectorsWritten, "tokens": totals.tokensUsed, "unreadable": unreadable.count,
                        "retries_scheduled": totals.retriesScheduled, "dead_lettered": totals.deadLettered,
                        "semantic_model": try await store.recordedModel() ?? SemanticModel.defaultModel.rawValue,
                        "companion": companion?.json ?? NSNull(),
                    ]
                    print(String(decoding: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self))
                } else {
                    print("embedded \(totals.embedded) entries (\(totals.vectorsWritten) vectors, \(totals.tokensUsed) tokens) with \(embedder.modelName); \(missing) were missing, \(stale) stale")
                    if let companion { print(companion.summary) }
                }
                if let note { printError("note: \(note)") }
                if let shifts, !global.json {
                    print("took the query shifts of \(shifts.languages) languages from \(shifts.pairs) translated definitions (docs/search.md, \"Language shift\")")
                }
                let runs = [totals] + (companion.map { [$0.totals] } ?? [])
                if !unreadable.isEmpty || (companion.map { !$0.unreadable.isEmpty } ?? false)
                    || runs.contains(where: { $0.budgetExhausted || $0.retriesScheduled > 0 || $0.deadLettered > 0 || $0.leasesLost > 0 }) {
                    throw ExitStatus.dataError
                }
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
    }

    /// Queues the entries whose vectors of `embedder`'s model are missing or stale and works them off, `threads`
    /// batches at once (at most `--limit`); returns the queued counts, the entries that could not be read, and the totals.
    private func embedThroughPostgresQueue(_ embedder: any Embedder, session: PostgresSession, threads: Int) async throws
        -> (missing: Int, stale: Int, unreadable: [String], totals: EmbeddingRunReport) {
        let queue = PostgresEmbeddingQueue(session: session)
        let processor = PostgresEmbeddingQueueProcessor(
            queue: queue, store: PostgresEmbeddingStore(session: session),
            ledger: PostgresTokenLedger(session: session, budget: QueueConfiguration().budget), embedder: embedder, batchSize: batchSize)
        let (missing, stale, unreadable) = try await processor.queueWork()
        let pending = try await queue.openCounts(model: embedder.modelName).pending
        let total = min(pending, limit ?? pending)
        let progress = ProgressReporter(label: "embed \(embedder.modelName)", total: total, quiet: global.json)
        let totals = try await processor.run(owner: ReservationHolder.currentProcess, limit: total, batchesInFlight: threads) { report in
            progress.advance(by: report.claimed)
            if report.budgetExhausted {
                printError("the daily token budget of \(embedder.modelName) is used up: its items wait for the next UTC day (`dict queue budget`)")
            }
        }
        progress.finish()
        for problem in unreadable.prefix(10) { printError("skipped \(problem)") }
        for error in totals.errors.prefix(10) { printError(error) }
        return (missing, stale, unreadable, totals)
    }

    /// `embedCompanion(of:database:threads:)` on PostgreSQL.
    private func embedCompanion(of model: SemanticModel, session: PostgresSession, threads: Int) async throws -> CompanionEmbedReport? {
        guard let embedder = companionEmbedder(of: model, recorded: try await PostgresEmbeddingStore(session: session).recordedModel())
        else { return nil }
        let (missing, stale, unreadable, totals) = try await embedThroughPostgresQueue(embedder, session: session, threads: threads)
        return CompanionEmbedReport(model: embedder.modelName, missing: missing, stale: stale, unreadable: unreadable, totals: totals)
    }

    /// `takeLanguageShifts(_:queries:changed:database:)` on PostgreSQL.
    private func takeLanguageShifts(_ model: SemanticModel, queries: any Embedder, changed: Bool, session: PostgresSession) async throws
        -> (languages: Int, pairs: Int)? {
        guard LanguageShiftSample.shiftsQueries(model), queries.modelName == model.rawValue else { return nil }
        let store = PostgresLanguageShiftStore(session: session)
        // A stored row that cannot be read is taken again, as its error says.
        let stored = try? await store.shifts(model: model.rawValue, dimension: queries.dimension)
        guard changed || stored?.isEmpty != false else { return nil }
        let pairs = try await store.samplePairs()
        let shifts = try await withCheckedThrowingContinuation { continuation in
            // The encoder must not hold one of the concurrency pool's threads.
            Thread.detachNewThread { continuation.resume(with: Result { try LanguageShiftSample.shifts(of: pairs, embedder: queries) }) }
        } as [Language: (shift: [Float], count: Int)]
        guard !shifts.isEmpty else { return nil }
        try await store.replace(model: model.rawValue, dimension: queries.dimension, shifts: shifts)
        return (shifts.count, shifts.values.reduce(0) { $0 + $1.count })
    }
}
