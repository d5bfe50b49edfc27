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
    /// `dict embed --database`: as on SQLite, through the embedding queue. One scan finds the entries whose chunk-0
    /// vector of the model is missing or was computed from other text (`EmbeddingText.sourceHash`) and queues them
    /// (`PostgresEmbeddingQueue`; an entry already queued keeps its item); then batches of `--batch-size` items are
    /// claimed under a lease (`FOR UPDATE SKIP LOCKED`, so several `dict embed` processes share the work and an item is
    /// embedded once), their tokens reserved in the schema's ledger (`PostgresTokenLedger`, the daily budget of
    /// `QueueConfiguration`), embedded on `threads` threads, and each batch's vectors written together with its items'
    /// completion in one transaction (`PostgresEmbeddingStore.replace`). A killed run's items come back when their
    /// lease expires (the next run reaps them); a failed embedding is retried with backoff, then dead-lettered; a
    /// spent budget hands the batch back for the next UTC day and stops (exit 3). An entry whose definition cannot be
    /// read is reported and not queued (exit 3 at the end). The model is recorded as the schema's semantic model when
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
                let embedder = try chosen.load(modelDirectory: modelDir, workers: threads).passages
                let modelName = embedder.modelName
                var toQueue: [(entryID: String, reason: EmbeddingReason)] = []
                var unreadable: [String] = []
                for entry in try await store.entries(model: modelName) {
                    do {
                        let hash = EmbeddingText.sourceHash(of: try Self.chunks(of: entry, model: modelName))
                        guard entry.sourceHash != hash else { continue }
                        toQueue.append((entry.id, entry.sourceHash == nil ? .missing : .stale))
                    } catch {
                        unreadable.append("\(entry.id): \(error)")
                    }
                }
                let missing = toQueue.filter { $0.reason == .missing }.count, stale = toQueue.count - missing
                let queue = PostgresEmbeddingQueue(session: session)
                try await queue.enqueue(toQueue, model: modelName)
                let pending = try await queue.openCounts(model: modelName).pending
                let total = min(pending, limit ?? pending)
                let progress = ProgressReporter(label: "embed", total: total, quiet: global.json)
                let ledger = PostgresTokenLedger(session: session, budget: QueueConfiguration().budget)
                let owner = ReservationHolder.currentProcess
                let leaseDuration: TimeInterval = 300
                var vectorsWritten = 0, tokensUsed = 0, embedded = 0, deadLettered = 0, retries = 0
                var budgetSpent = false
                while embedded + deadLettered < total {
                    let items = try await queue.claim(owner: owner, limit: min(batchSize, total - embedded - deadLettered),
                                                      leaseDuration: leaseDuration, model: modelName)
                    guard !items.isEmpty else { break }
                    let texts = Dictionary(uniqueKeysWithValues: try await store.entries(model: modelName, ids: items.map(\.entryID)).map { ($0.id, $0) })
                    var work: [(item: EmbeddingQueueItem, chunks: [String], hash: String)] = []
                    for item in items {
                        do {
                            // An entry deleted since it was queued took its item with it (ON DELETE CASCADE).
                            guard let entry = texts[item.entryID] else { continue }
                            let chunks = try Self.chunks(of: entry, model: modelName)
                            work.append((item, chunks, EmbeddingText.sourceHash(of: chunks)))
                        } catch {
                            let failure = ClassifiedFailure(message: "unreadable definition: \(error)", type: .qualityFailure, isRetryable: false)
                            _ = try await session.transaction { try await queue.engine.fail($0, itemID: item.id, owner: owner, failure: failure) }
                            unreadable.append("\(item.entryID): \(error)")
                            deadLettered += 1
                        }
                    }
                    guard !work.isEmpty else { continue }
                    let batchTexts = work.flatMap(\.chunks)
                    let tokens = batchTexts.reduce(0) { $0 + max(0, embedder.tokenCount(of: $1)) }
                    let reservation: TokenReservation
                    do {
                        reservation = try await ledger.reserve(model: modelName, tokens: max(1, tokens), holder: owner, ttl: leaseDuration)
                    } catch let error as TokenLedgerError {
                        guard case .budgetExceeded = error else { throw error }
                        // The batch waits for the next UTC day's budget; its attempt is given back.
                        let resume = FailureClassifier.nextUTCMidnight(after: Date())
                        try await session.transaction { session in
                            for entry in work { try await queue.engine.release(session, itemID: entry.item.id, owner: owner, notBefore: resume, refundAttempt: true) }
                        }
                        printError("the daily token budget of \(modelName) is used up (\(error)); its items wait for the next UTC day")
                        budgetSpent = true
                        break
                    }
                    let started = DispatchTime.now()
                    let vectors: [[Float]]
                    do {
                        vectors = try embedder.embed(batchTexts)
                    } catch {
                        try? await ledger.release(reservation)
                        try await session.transaction { session in
                            for entry in work {
                                let failure = FailureClassifier.classify(error, attempts: entry.item.attempts, now: Date())
                                if case .deadLettered = try await queue.engine.fail(session, itemID: entry.item.id, owner: owner, failure: failure) {
                                    deadLettered += 1
                                } else {
                                    retries += 1
                                }
                            }
                        }
                        printError("embedding a batch of \(work.count) entries failed: \(error)")
                        continue
                    }
                    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
                    try await ledger.settle(reservation, actualTokens: tokens, termsProcessed: work.count)
                    try? await ledger.record(ModelCall(
                        model: modelName, provider: .local, operation: .embedding, promptTokens: tokens, completionTokens: 0,
                        latencyMilliseconds: milliseconds, success: true))
                    tokensUsed += tokens
                    var next = 0
                    let entries = work.map { entry -> (entryID: String, sourceHash: String, vectors: [[Float]]) in
                        defer { next += entry.chunks.count }
                        return (entry.item.entryID, entry.hash, Array(vectors[next..<(next + entry.chunks.count)]))
                    }
                    let itemIDs = work.map(\.item.id)
                    let engine = queue.engine
                    // The vectors and their items' completion commit together: a lost lease writes nothing.
                    vectorsWritten += try await store.replace(model: modelName, dimension: embedder.dimension, entries: entries) { session in
                        for id in itemIDs { try await engine.complete(session, itemID: id, owner: owner) }
                    }
                    embedded += work.count
                    progress.advance(by: work.count)
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
                        "retries_scheduled": retries, "dead_lettered": deadLettered,
                        "semantic_model": try await store.recordedModel() ?? SemanticModel.defaultModel.rawValue,
                    ]
                    print(String(decoding: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self))
                } else {
                    print("embedded \(embedded) entries (\(vectorsWritten) vectors, \(tokensUsed) tokens) with \(embedder.modelName); \(missing) were missing, \(stale) stale")
                }
                if let note { printError("note: \(note)") }
                if !unreadable.isEmpty || budgetSpent || retries > 0 || deadLettered > 0 { throw ExitStatus.dataError }
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
    }

    /// The texts `dict embed` embeds for `entry` (one per sense), as on SQLite.
    static func chunks(of entry: PostgresEmbeddingStore.EntryText, model: String) throws -> [String] {
        try EmbeddingText.chunks(term: entry.term, definitionJSON: entry.definition, entryID: entry.id, model: model)
    }
}
