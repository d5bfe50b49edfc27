import DictMigrations
import DictStore
import DictTesting
import DictVectors
import Foundation
import GRDB
import Testing
@testable import DictionaryCore
@testable import DictionaryGeneration
@testable import DictionaryQueues
@testable import DictionarySearch


@Suite("Semantic search over the real vector index")
struct SemanticIndexTests {
    private let embedder = HashedBagOfWordsEmbedder(dimension: 64)

    /// Embeds `entry`'s chunk texts with the test embedder and stores them as a worker would.
    private func embed(_ entry: DictionaryEntry, in database: StoreDatabase) throws {
        let definition = String(decoding: try JSONEncoder().encode(entry.definition), as: UTF8.self)
        let texts = try EmbeddingText.chunks(term: entry.term, definitionJSON: definition, entryID: entry.id)
        let vectors = try embedder.embed(texts)
        try database.write { db in
            try TermEmbeddingWriter().write(entryID: entry.id, model: embedder.modelName, vectors: vectors,
                                            sourceHash: EmbeddingText.sourceHash(of: texts), in: db)
        }
    }

    @Test("Semantic and hybrid search use every sense's vector and see vectors written by another connection")
    func semanticThroughIndex() async throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        let repository = EntryRepository(database: database)
        var twoSenses = EntryDefinition(concise: "a keyboard instrument with hammers")
        twoSenses.senses = [.init(pos: "noun", gloss: "a keyboard instrument with hammers"),
                            .init(pos: "noun", gloss: "a quiet soft level of sound")]
        let piano = try repository.create(EntryDraft(term: "piano", type: .instrument, definition: twoSenses, qualityScore: QualityScore(overall: 80)))
        let forte = try repository.create(EntryDraft(term: "forte", type: .dynamics,
                                                     definition: EntryDefinition(concise: "a loud strong level of sound"), qualityScore: QualityScore(overall: 80)))
        try embed(piano, in: database)
        try embed(forte, in: database)
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM term_embeddings WHERE entry_id = ?", arguments: [piano.id]) } == 2)

        let backend = try VectorIndexBackend(database: database, model: embedder.modelName, dimension: 64, recheckInterval: 0)
        repository.addObserver(backend)
        let search = SearchService(database: database, semantic: SemanticComponents(embedder: embedder, backend: backend))
        // The second sense of piano carries this query; the entry appears once.
        let quiet = try await search.search(SearchRequest(query: "quiet soft sound", mode: .semantic, limit: 10))
        #expect(quiet.results.first?.entry.id == piano.id)
        #expect(Set(quiet.results.map(\.entry.id)).count == quiet.results.count)

        // Another "process" (a second connection pool) adds an entry and its vectors; the index catches up.
        let other = try Service.dictionary.open(dataDirectory: directory.path)
        let otherRepository = EntryRepository(database: other)
        let lento = try otherRepository.create(EntryDraft(term: "lento", type: .tempo,
                                                          definition: EntryDefinition(concise: "very slow tempo"), qualityScore: QualityScore(overall: 80)))
        try embed(lento, in: other)
        let slow = try await search.search(SearchRequest(query: "slow tempo", mode: .semantic, limit: 5))
        #expect(slow.results.first?.entry.id == lento.id)

        // A filter stays exact: only dynamics.
        let filtered = try await search.search(SearchRequest(query: "level of sound", mode: .semantic,
                                                       filters: SearchFilters(types: [.dynamics]), limit: 10))
        #expect(filtered.results.map(\.entry.id) == [forte.id])

        // Deleting through the repository removes the entry's rows from the index at once.
        try repository.delete(id: piano.id)
        #expect(backend.index.entryCount == 2)
        let hybrid = try await search.search(SearchRequest(query: "quiet soft sound", mode: .hybrid, limit: 10))
        #expect(!hybrid.results.contains { $0.entry.id == piano.id })
    }

    @Test("Matches carry their entries' sense totals, equal to the SQL sums and kept current through other processes' writes")
    func senseTotalsFollowWrites() throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        let repository = EntryRepository(database: database)
        func senses(_ items: [(String, Int?)]) -> EntryDefinition {
            var definition = EntryDefinition(concise: items.first?.0)
            definition.senses = items.map { .init(pos: "noun", gloss: $0.0, frequency: $0.1) }
            return definition
        }
        let piano = try repository.create(EntryDraft(
            term: "piano", type: .instrument, definition: senses([("a keyboard instrument with hammers", 7), ("a quiet soft level of sound", 2)]),
            qualityScore: QualityScore(overall: 80)))
        let forte = try repository.create(EntryDraft(term: "forte", type: .dynamics,
                                                     definition: EntryDefinition(concise: "a loud strong level of sound"), qualityScore: QualityScore(overall: 80)))
        try embed(piano, in: database)
        try embed(forte, in: database)
        let backend = try VectorIndexBackend(database: database, model: embedder.modelName, dimension: 64, recheckInterval: 0)
        let query = try UnitVector(normalizing: embedder.embed(["quiet soft level of sound"])[0], dimension: 64)
        func totals() throws -> [String: SenseTotals] {
            var result: [String: SenseTotals] = [:]
            for match in try backend.search(query: query, k: 10, filters: SearchFilters(), partOfSpeech: nil, minSimilarity: -1) {
                result[match.entryID] = try #require(match.senseTotals)
            }
            return result
        }
        #expect(try totals() == [piano.id: SenseTotals(count: 2, frequency: 9), forte.id: SenseTotals(count: 1, frequency: 0)])

        // The SQL path (a backend without totals) reads the same figures.
        let bare = try backend.search(query: query, k: 10, filters: SearchFilters(), partOfSpeech: nil, minSimilarity: -1)
            .map { SemanticMatch(entryID: $0.entryID, similarity: $0.similarity, rowID: $0.rowID) }
        let records = try database.read { db in try CandidateRecordReader.records(for: bare, in: db) }
        #expect(records[piano.id].map { SenseTotals(count: $0.senseCount, frequency: $0.totalSenseFrequency) } == SenseTotals(count: 2, frequency: 9))
        #expect(records[forte.id].map { SenseTotals(count: $0.senseCount, frequency: $0.totalSenseFrequency) } == SenseTotals(count: 1, frequency: 0))

        // Another process rewrites piano with three senses; the index and its totals catch up.
        let other = try Service.dictionary.open(dataDirectory: directory.path)
        let rewritten = try EntryRepository(database: other).update(id: piano.id, with: EntryDraft(
            term: "piano", type: .instrument,
            definition: senses([("a keyboard instrument with hammers", 4), ("a quiet soft level of sound", 3), ("softly, in music", nil)]),
            qualityScore: QualityScore(overall: 80)))
        try embed(rewritten, in: other)
        #expect(try totals()[piano.id] == SenseTotals(count: 3, frequency: 7))

        // A delete in this process drops the entry and its totals.
        repository.addObserver(backend)
        _ = try repository.delete(id: forte.id)
        #expect(try totals()[forte.id] == nil)
    }

    @Test("Every written vector stores its sense's gloss, which candidate records read (falling back to the definition when a tool left it NULL)")
    func senseGlossIsStoredAndRead() throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        var definition = EntryDefinition(concise: "a keyboard instrument")
        definition.senses = [.init(pos: "noun", gloss: "a keyboard instrument with hammers"), .init(pos: "noun", gloss: "a quiet soft level of sound")]
        let piano = try EntryRepository(database: database).create(EntryDraft(term: "piano", type: .instrument, definition: definition))
        try embed(piano, in: database)
        let stored = try database.read { db in
            try String.fetchAll(db, sql: "SELECT gloss FROM term_embeddings WHERE entry_id = ? ORDER BY chunk", arguments: [piano.id])
        }
        #expect(stored == ["a keyboard instrument with hammers", "a quiet soft level of sound"])

        let backend = try VectorIndexBackend(database: database, model: embedder.modelName, dimension: 64)
        let query = try UnitVector(normalizing: embedder.embed(["quiet soft level of sound"])[0], dimension: 64)
        let matches = try backend.search(query: query, k: 5, filters: SearchFilters(), partOfSpeech: nil, minSimilarity: -1)
        var records = try database.read { db in try CandidateRecordReader.records(for: matches, in: db) }
        #expect(records[piano.id]?.chunk == 1)
        #expect(records[piano.id]?.gloss == "a quiet soft level of sound")
        try database.write { db in try db.execute(sql: "UPDATE term_embeddings SET gloss = NULL") }
        records = try database.read { db in try CandidateRecordReader.records(for: matches, in: db) }
        #expect(records[piano.id]?.gloss == "a quiet soft level of sound")
    }
}
