import DictMigrations
import DictStore
import DictTesting
import DictVectors
import Foundation
import GRDB
import Testing
@testable import DictionaryCore
@testable import DictionarySearch

@Suite("A failed index refresh is recorded, reported as outstanding and retried")
struct IndexRefreshFailureTests {
    private let embedder = HashedBagOfWordsEmbedder(dimension: 8)

    @Test func aFailedRefreshIsCountedAndHealsWithTheNextChange() throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        let repository = EntryRepository(database: database)
        let forte = try repository.create(EntryDraft(term: "forte", type: .dynamics, definition: EntryDefinition(concise: "loud")))
        let piano = try repository.create(EntryDraft(term: "piano", type: .dynamics, definition: EntryDefinition(concise: "soft")))
        let store = try EmbeddingStore(model: embedder.modelName, dimension: 8)
        _ = try store.write([EmbeddingRecord(entryID: forte.id, vector: [1, 0, 0, 0, 0, 0, 0, 0])], to: database)
        let failures = OperationalFailures()
        let backend = try VectorIndexBackend(database: database, model: embedder.modelName, dimension: 8, recheckInterval: 3600,
                                             failures: failures)
        #expect(backend.index.count == 1)

        // A NaN vector written behind the store's validation (as a hostile import could) cannot be loaded.
        var nan = [Float](repeating: 0, count: 8)
        nan[0] = .nan
        let blob = nan.withUnsafeBytes { Data($0) }
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO term_embeddings (entry_id, model, dimension, chunk, embedding, created_at)
                VALUES (?, ?, 8, 0, ?, '2026-01-01T00:00:00.000Z')
                """, arguments: [piano.id, embedder.modelName, blob])
        }
        let change = EntryChange(id: piano.id, created: false, embeddingTextChanged: true, lang: .en, type: .dynamics, overallScore: 0)
        backend.entriesChanged(upserted: [change], deleted: [])
        let failed = try #require(failures.snapshot()[.vectorIndexRefresh])
        #expect(failed.count == 1)
        #expect(failed.outstanding == 1)
        #expect(failed.lastError.contains("NaN"))
        #expect(backend.staleEntryCount == 1)
        #expect(backend.index.count == 1)

        // Once the row is fixed, the next change (of another entry) retries the stale one too.
        _ = try store.write([EmbeddingRecord(entryID: piano.id, vector: [0, 1, 0, 0, 0, 0, 0, 0])], to: database)
        let other = EntryChange(id: forte.id, created: false, embeddingTextChanged: false, lang: .en, type: .dynamics, overallScore: 0)
        backend.entriesChanged(upserted: [other], deleted: [])
        #expect(backend.staleEntryCount == 0)
        #expect(backend.index.count == 2)
        #expect(failures.snapshot()[.vectorIndexRefresh]?.outstanding == 0)
        #expect(failures.snapshot()[.vectorIndexRefresh]?.count == 1)
        let hits = try backend.search(query: UnitVector(normalizing: [0, 1, 0, 0, 0, 0, 0, 0], dimension: 8), k: 1, filters: SearchFilters(), partOfSpeech: nil, minSimilarity: -1)
        #expect(hits.first?.entryID == piano.id)
    }
}
