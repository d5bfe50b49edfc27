import DictEmbedding
import DictMigrations
import DictStore
import DictTesting
import Foundation
import GRDB
import Testing
@testable import DictionaryCore
@testable import DictionaryGeneration
@testable import DictionaryQueues

/// A deterministic embedder: vector i is [length, words, 1, 0] (or a wrong shape on request).
struct FakeEmbedder: Embedder {
    var modelName = "fake-embedder"
    var dimension = 4
    var wrongDimensionFor: String?

    func embed(_ texts: [String]) throws -> [[Float]] {
        texts.map { text in
            if let marker = wrongDimensionFor, text.contains(marker) { return [1, 2] }
            return [Float(text.count), Float(tokenCount(of: text)), 1, 0]
        }
    }

    func tokenCount(of text: String) -> Int { text.split(separator: " ").count }
}

@Suite struct GenerationEmbeddingQueueTests {
    @Test(arguments: DatabaseKind.allCases)
    func embedsQueuedEntriesMetersTokensAndRejectsBadVectors(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let clock = FakeClock()
        let repository = EntryRepository(database: database, embeddingModels: ["fake-embedder"])
        let good = try repository.create(EntryDraft(
            term: "Adagio", lang: .en, type: .tempo, definition: EntryDefinition(concise: "Slow.", detailed: "At ease, slowly.")
        ))
        let bad = try repository.create(EntryDraft(
            term: "Poison", lang: .en, type: .general, definition: EntryDefinition(concise: "Breaks the embedder.", detailed: "Always.")
        ))
        let ledger = TokenLedger(database: database, budget: TokenBudget(defaultLimit: .tokens(0), perModel: ["fake-embedder": .unlimited]), clock: clock)
        let processor = EmbeddingQueueProcessor(
            queue: EmbeddingQueue(database: database, clock: clock), ledger: ledger,
            embedder: FakeEmbedder(wrongDimensionFor: "Poison"), writer: TermEmbeddingWriter(), batchSize: 10, leaseDuration: 60
        )
        let report = try processor.runOnce(owner: "e")
        #expect(report.claimed == 2 && report.embedded == 1 && report.deadLettered == 1, "\(report)")
        let text = "Adagio: Slow. At ease, slowly."
        #expect(report.tokensUsed == FakeEmbedder().tokenCount(of: text) + FakeEmbedder().tokenCount(of: "Poison: Breaks the embedder. Always."))
        let row = try #require(try database.read { db in
            try Row.fetchOne(db, sql: "SELECT dimension, embedding, source_hash FROM term_embeddings WHERE entry_id = ?", arguments: [good.id])
        })
        #expect(row["dimension"] as Int == 4)
        let blob: Data = row["embedding"]
        let floats = stride(from: 0, to: blob.count, by: 4).map { offset in
            Float(bitPattern: UInt32(littleEndian: blob.subdata(in: offset..<offset + 4).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }))
        }
        #expect(floats == [Float(text.count), 5, 1, 0])
        #expect(row["source_hash"] as String == SHA256.hexDigest(of: Data(text.utf8)))
        #expect(try ledger.status(model: "fake-embedder").used == report.tokensUsed)
        #expect(try TableRows.count(database, "ai_model_usage", where: "operation_type = 'embedding' AND model_provider = 'local'") == 1)
        let letter = try #require(try DeadLetterQueue(database: database).list().first)
        #expect(letter.queue == .embedding)
        #expect(letter.failureReason == "vector for entry \(bad.id) has 2 dimensions; expected 4")
        #expect(try processor.runOnce(owner: "e").claimed == 0)
    }

    /// `run` pipelines batches (embedding one or several while writing finished ones and claiming the next) with
    /// the same results as `runOnce` batch after batch, stops claiming at the limit, and reports every batch in
    /// claim order.
    @Test(arguments: DatabaseKind.allCases, [1, 3])
    func pipelinedRunEmbedsEveryBatchAndStopsAtTheLimit(kind: DatabaseKind, batchesInFlight: Int) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let clock = FakeClock()
        let repository = EntryRepository(database: database, embeddingModels: ["fake-embedder"])
        for index in 0..<23 {
            _ = try repository.create(EntryDraft(term: index == 7 ? "Poison \(index)" : "Term \(index)", lang: .en, type: .general,
                                                 definition: EntryDefinition(concise: "Word \(index).", detailed: "Words.")))
        }
        let processor = EmbeddingQueueProcessor(
            queue: EmbeddingQueue(database: database, clock: clock),
            ledger: TokenLedger(database: database, budget: TokenBudget(defaultLimit: .unlimited), clock: clock),
            embedder: FakeEmbedder(wrongDimensionFor: "Poison"), writer: TermEmbeddingWriter(), batchSize: 5, leaseDuration: 60
        )
        var batches: [EmbeddingRunReport] = []
        let first = try processor.run(owner: "e", limit: 12, batchesInFlight: batchesInFlight) { batches.append($0) }
        #expect(batches.map(\.claimed) == [5, 5, 2])
        #expect(first.claimed == 12 && first.embedded + first.deadLettered == 12, "\(first)")
        let rest = try processor.run(owner: "e", batchesInFlight: batchesInFlight) { batches.append($0) }
        #expect(batches.map(\.claimed) == [5, 5, 2, 5, 5, 1, 0], "reports arrive in claim order")
        #expect(rest.claimed == 11 && rest.embedded + rest.deadLettered == 11, "\(rest)")
        #expect(first.deadLettered + rest.deadLettered == 1, "the poisoned entry is dead-lettered, its batch's others written")
        #expect(batches.last?.claimed == 0, "claiming ends with an empty batch")
        #expect(try TableRows.count(database, "term_embeddings", where: "model = 'fake-embedder'") == 22)
        #expect(try TableRows.count(database, "embedding_queue", where: "status = 'pending'") == 0)
        #expect(try processor.run(owner: "e").claimed == 0)
    }

    @Test func onlyItemsOfTheEmbeddersModelAreClaimedAndMissingOnesAreFound() throws {
        let database = try Service.dictionary.openInMemory()
        let clock = FakeClock()
        let repository = EntryRepository(database: database)
        _ = try repository.create(EntryDraft(term: "Lento", lang: .en, type: .tempo, definition: EntryDefinition(concise: "Slow.", detailed: "Slow.")))
        let queue = EmbeddingQueue(database: database, clock: clock)
        #expect(try queue.enqueueMissing(model: "other-model") == 1)
        #expect(try queue.enqueueMissing(model: "other-model") == 0, "an open item already exists")
        let processor = EmbeddingQueueProcessor(
            queue: queue, ledger: TokenLedger(database: database, budget: TokenBudget(defaultLimit: .unlimited), clock: clock),
            embedder: FakeEmbedder(), writer: TermEmbeddingWriter()
        )
        #expect(try processor.runOnce(owner: "e").claimed == 0)
        #expect(try queue.enqueueMissing(model: "fake-embedder") == 1)
        #expect(try processor.runOnce(owner: "e").embedded == 1)
        #expect(try queue.enqueueMissing(model: "fake-embedder") == 0, "the entry has a vector now")
    }

    @Test func editedEntriesAreFoundStale() throws {
        let database = try Service.dictionary.openInMemory()
        let clock = FakeClock()
        let entry = try EntryRepository(database: database).create(EntryDraft(
            term: "Rondo", lang: .en, type: .form, definition: EntryDefinition(concise: "A recurring theme.", detailed: "ABACA.")
        ))
        let queue = EmbeddingQueue(database: database, clock: clock)
        let processor = EmbeddingQueueProcessor(
            queue: queue, ledger: TokenLedger(database: database, budget: TokenBudget(defaultLimit: .unlimited), clock: clock),
            embedder: FakeEmbedder(), writer: TermEmbeddingWriter()
        )
        try queue.enqueueMissing(model: "fake-embedder")
        #expect(try processor.runOnce(owner: "e").embedded == 1)
        #expect(try queue.enqueueStale(model: "fake-embedder") == 0)
        // An edit behind the repository's back (no queue row) is still caught by the hash comparison.
        try database.write { db in
            try db.execute(sql: "UPDATE dictionary_entries SET definition = json_set(definition, '$.concise', 'Changed.') WHERE id = ?",
                           arguments: [entry.id])
        }
        #expect(try queue.enqueueStale(model: "fake-embedder") == 1)
        #expect(try TableRows.count(database, "embedding_queue", where: "reason = 'stale' AND status = 'pending'") == 1)
        #expect(try processor.runOnce(owner: "e").embedded == 1)
        #expect(try queue.enqueueStale(model: "fake-embedder") == 0)
    }
}
