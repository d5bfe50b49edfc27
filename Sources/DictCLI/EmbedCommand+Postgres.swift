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
    /// `dict embed --database`: the entries whose chunk-0 vector of the model is missing or was computed from other
    /// text (`EmbeddingText.sourceHash`), embedded in batches of `--batch-size` on `threads` threads, each batch
    /// written in one transaction (`PostgresEmbeddingStore.replace`). Tokens are metered as on SQLite: each batch
    /// reserves its counted tokens in the schema's ledger (`PostgresTokenLedger`, the daily budget of
    /// `QueueConfiguration`), settles them once embedded and records the call; a spent budget stops the run (the rest
    /// waits for tomorrow's budget, exit 3). The model is recorded as the schema's semantic model when every entry has
    /// its vectors, as on SQLite. An entry whose definition cannot be read is reported and skipped (exit 3 at the
    /// end); nothing else is written for it.
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
                let embedder = try chosen.load(modelDirectory: modelDir, workers: threads).passages
                var work: [(id: String, chunks: [String], hash: String)] = []
                var unreadable: [String] = []
                var missing = 0, stale = 0
                for entry in try await store.entries(model: embedder.modelName) {
                    do {
                        let chunks = try EmbeddingText.chunks(term: entry.term, definitionJSON: entry.definition, entryID: entry.id,
                                                              model: embedder.modelName)
                        let hash = EmbeddingText.sourceHash(of: chunks)
                        guard entry.sourceHash != hash else { continue }
                        if entry.sourceHash == nil { missing += 1 } else { stale += 1 }
                        work.append((entry.id, chunks, hash))
                    } catch {
                        unreadable.append("\(entry.id): \(error)")
                    }
                }
                if let limit { work = Array(work.prefix(limit)) }
                let progress = ProgressReporter(label: "embed", total: work.count, quiet: global.json)
                let ledger = PostgresTokenLedger(session: session, budget: QueueConfiguration().budget)
                let owner = ReservationHolder.currentProcess
                var vectorsWritten = 0, tokensUsed = 0, embedded = 0
                var budgetSpent = false
                var start = 0
                while start < work.count {
                    let batch = work[start..<min(start + batchSize, work.count)]
                    let texts = batch.flatMap(\.chunks)
                    let tokens = texts.reduce(0) { $0 + max(0, embedder.tokenCount(of: $1)) }
                    let reservation: TokenReservation
                    do {
                        reservation = try await ledger.reserve(model: embedder.modelName, tokens: max(1, tokens), holder: owner)
                    } catch let error as TokenLedgerError {
                        guard case .budgetExceeded = error else { throw error }
                        printError("the daily token budget of \(embedder.modelName) is used up (\(error)); run again tomorrow to embed the rest")
                        budgetSpent = true
                        break
                    }
                    let started = DispatchTime.now()
                    let vectors: [[Float]]
                    do {
                        vectors = try embedder.embed(texts)
                    } catch {
                        try? await ledger.release(reservation)
                        throw error
                    }
                    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
                    try await ledger.settle(reservation, actualTokens: tokens, termsProcessed: batch.count)
                    try? await ledger.record(ModelCall(
                        model: embedder.modelName, provider: .local, operation: .embedding, promptTokens: tokens, completionTokens: 0,
                        latencyMilliseconds: milliseconds, success: true))
                    tokensUsed += tokens
                    var next = 0
                    let entries = batch.map { item -> (entryID: String, sourceHash: String, vectors: [[Float]]) in
                        defer { next += item.chunks.count }
                        return (item.id, item.hash, Array(vectors[next..<(next + item.chunks.count)]))
                    }
                    vectorsWritten += try await store.replace(model: embedder.modelName, dimension: embedder.dimension, entries: entries)
                    embedded += batch.count
                    progress.advance(by: batch.count)
                    start += batch.count
                }
                progress.finish()
                for problem in unreadable.prefix(10) { printError("skipped \(problem)") }
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
                if global.json {
                    let body: [String: Any] = [
                        "model": embedder.modelName, "queued_missing": missing, "queued_stale": stale, "entries_embedded": embedded,
                        "vectors_written": vectorsWritten, "tokens": tokensUsed, "unreadable": unreadable.count,
                        "semantic_model": try await store.recordedModel() ?? SemanticModel.defaultModel.rawValue,
                    ]
                    print(String(decoding: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self))
                } else {
                    print("embedded \(embedded) entries (\(vectorsWritten) vectors, \(tokensUsed) tokens) with \(embedder.modelName); \(missing) were missing, \(stale) stale")
                }
                if let note { printError("note: \(note)") }
                if !unreadable.isEmpty || budgetSpent { throw ExitStatus.dataError }
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
    }
}
