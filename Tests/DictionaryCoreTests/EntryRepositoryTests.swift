import DictMigrations
import DictStore
import DictTesting
import Foundation
import GRDB
import Testing
@testable import DictionaryCore
@testable import DictionarySearch


/// Records observer calls.
final class RecordingObserver: EntryChangeObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [([EntryChange], [String])] = []
    func entriesChanged(upserted: [EntryChange], deleted: [String]) { lock.withLock { calls.append((upserted, deleted)) } }
    var all: [([EntryChange], [String])] { lock.withLock { calls } }
}

@Suite struct EntryRepositoryTests {
    @Test(arguments: DatabaseKind.allCases)
    func createUpdateDeleteRoundTrip(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let repository = EntryRepository(database: database, embeddingModels: ["test-model"])
        let observer = RecordingObserver()
        repository.addObserver(observer)

        let created = try repository.create(EntryDraft(
            term: "  Crème  Brûlée ", lang: .fr, type: .general, definition: EntryDefinition(concise: "Dessert."),
            qualityScore: QualityScore(overall: 72)))
        #expect(created.normalizedTerm == "crème brûlée")
        #expect(created.foldedTerm == "creme brulee")
        #expect(created.version == 1)
        #expect(UUID(uuidString: created.id) != nil && created.id == created.id.lowercased())
        #expect(created.createdAt.hasSuffix("Z") && Timestamp.parse(created.createdAt) != nil)
        #expect(created.overallScore == 72)
        #expect(try repository.entry(term: "CRÈME BRÛLÉE", lang: .fr)?.id == created.id)
        #expect(try repository.entry(term: "crème brûlée", lang: .en) == nil)
        let queued = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM embedding_queue WHERE entry_id = ? AND reason = 'missing'", arguments: [created.id]) }
        #expect(queued == 1)

        // A vector exists; changing the definition queues it as stale (the 'missing' item is still open, so the
        // open-item index keeps one row for that model; a second model with a vector gets its own 'stale' row).
        try database.write { db in
            try db.execute(sql: "INSERT INTO term_embeddings (entry_id, model, dimension, embedding) VALUES (?, 'other-model', 1, x'0000803f')", arguments: [created.id])
        }
        var draft = EntryDraft(created)
        draft.definition.concise = "A custard dessert."
        let updated = try repository.update(id: created.id, with: draft)
        #expect(updated.version == 2)
        #expect(updated.updatedAt >= created.updatedAt)
        #expect(updated.definition.concise == "A custard dessert.")
        let stale = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM embedding_queue WHERE entry_id = ? AND model = 'other-model' AND reason = 'stale'", arguments: [created.id]) }
        #expect(stale == 1)

        // Same text again: not stale.
        var scoreOnly = EntryDraft(updated)
        scoreOnly.qualityScore.overall = 80
        _ = try repository.update(id: created.id, with: scoreOnly)

        #expect(try repository.delete(id: created.id))
        #expect(try repository.delete(id: created.id) == false)
        let vectors = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM term_embeddings") }
        #expect(vectors == 0)

        let calls = observer.all
        #expect(calls.count == 4)
        #expect(calls[0].0 == [EntryChange(id: created.id, created: true, embeddingTextChanged: true, lang: .fr, type: .general, overallScore: 72)])
        #expect(calls[1].0 == [EntryChange(id: created.id, created: false, embeddingTextChanged: true, lang: .fr, type: .general, overallScore: 72)])
        #expect(calls[2].0 == [EntryChange(id: created.id, created: false, embeddingTextChanged: false, lang: .fr, type: .general, overallScore: 80)])
        #expect(calls[3].1 == [created.id])
    }

    @Test(arguments: DatabaseKind.allCases)
    func validationErrorsNameTheField(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let repository = EntryRepository(database: database)
        #expect(throws: EntryError.invalidTermLength(expected: 1...500, found: 0)) { try repository.create(EntryDraft(term: "", type: .general)) }
        #expect(throws: EntryError.invalidTermLength(expected: 1...500, found: 0)) { try repository.create(EntryDraft(term: " \u{200B} ", type: .general)) }
        #expect(throws: EntryError.invalidTermLength(expected: 1...500, found: 501)) { try repository.create(EntryDraft(term: String(repeating: "a", count: 501), type: .general)) }
        #expect(throws: EntryError.valueOutOfRange(field: "quality_score.overall", expected: 0...100, found: 101)) {
            try repository.create(EntryDraft(term: "x", type: .general, qualityScore: QualityScore(overall: 101)))
        }
        #expect(throws: EntryError.self) { try repository.create(EntryDraft(term: "x", type: .general, qualityScore: QualityScore(overall: .nan))) }
        #expect(throws: EntryError.valueOutOfRange(field: "lang_confidence", expected: 0...1, found: 2)) {
            try repository.create(EntryDraft(term: "x", langConfidence: 2, type: .general))
        }
        #expect(throws: EntryError.invalidShape(field: "references.books", expected: "array", found: "object")) {
            try repository.create(EntryDraft(term: "x", type: .general, references: ["books": .object([:])]))
        }
        #expect(throws: EntryError.invalidShape(field: "references.wikipedia.url", expected: "an http(s) URL", found: "\"not a url\"")) {
            try repository.create(EntryDraft(term: "x", type: .general, references: ["wikipedia": .object(["url": .string("not a url")])]))
        }
        #expect(throws: EntryError.notFound(id: "nope")) { try repository.update(id: "nope", with: EntryDraft(term: "x", type: .general)) }
        try repository.create(EntryDraft(term: "Allegro", type: .tempo))
        #expect(throws: EntryError.duplicate(normalizedTerm: "allegro", lang: "en")) { try repository.create(EntryDraft(term: "ALLEGRO ", type: .tempo)) }
        #expect(try repository.count() == 1)
    }

    @Test(arguments: DatabaseKind.allCases)
    func bulkInsertIsAllOrNothingAndReportsTheIndex(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let repository = EntryRepository(database: database)
        var drafts = (0..<20).map { EntryDraft(term: "term \($0)", type: .general) }
        drafts[13].qualityScore.overall = -1
        #expect(throws: EntryError.bulkItem(index: 13, error: .valueOutOfRange(field: "quality_score.overall", expected: 0...100, found: -1))) {
            try repository.insertAll(drafts)
        }
        #expect(try repository.count() == 0)
        drafts[13].qualityScore.overall = 10
        #expect(try repository.insertAll(drafts).count == 20)
        #expect(throws: EntryError.bulkItem(index: 0, error: .duplicate(normalizedTerm: "term 0", lang: "en"))) { try repository.insertAll([drafts[0]]) }
        let skipped = try repository.insertAll([drafts[0]], onExisting: .skip)
        #expect(skipped.first?.version == 1)
        let replaced = try repository.insertAll([drafts[0]], onExisting: .replace)
        #expect(replaced.first?.version == 2)
        #expect(try repository.count() == 20)
    }

    /// The bulk path without read-back (validation on another thread, chunks of 2,048) reports the same first
    /// failing index as `insertAll`, even past the first chunk, and stores what `insertAll` stores.
    @Test func bulkInsertWithoutReadBackMatchesInsertAll() throws {
        let drafts: [EntryDraft] = (0..<5_000).map { (i: Int) -> EntryDraft in
            var metadata = EntryMetadata()
            metadata.synonyms = ["term \(i + 1)"]
            let senses = [EntryDefinition.Sense(pos: "noun", gloss: "Gloss \(i).", examples: ["Use \(i)."])]
            return EntryDraft(term: "Term \(i)", type: i % 3 == 0 ? .tempo : .general,
                              definition: EntryDefinition(concise: "Definition \(i).", senses: senses),
                              metadata: metadata, qualityScore: QualityScore(overall: Double(i % 100)))
        }
        var broken = drafts
        broken[4_321].qualityScore.overall = 101
        broken[4_500].term = ""
        let database = try DatabaseKind.memory.open(.dictionary).database
        let repository = EntryRepository(database: database)
        #expect(throws: EntryError.bulkItem(index: 4_321, error: .valueOutOfRange(field: "quality_score.overall", expected: 0...100, found: 101))) {
            try database.write { db in _ = try repository.insertAllWithoutReadBack(broken, onExisting: .fail, db: db) }
        }
        #expect(try repository.count() == 0)

        // Everything written, in draft order; a second run skips them all.
        let written = try database.write { db in try repository.insertAllWithoutReadBack(drafts, onExisting: .skip, db: db) }
        #expect(written.map { $0.draft } == Array(0..<5_000))
        #expect(written.allSatisfy { $0.change.created })
        #expect(try database.write { db in try repository.insertAllWithoutReadBack(drafts, onExisting: .skip, db: db) }.isEmpty)

        // The stored rows equal insertAll's for the same drafts (ids and timestamps aside).
        let reference = try DatabaseKind.memory.open(.dictionary).database
        _ = try EntryRepository(database: reference).insertAll(drafts)
        let columns = "term, normalized_term, folded_term, lang, type, definition, refs, metadata, quality_score, overall_score, ai_metadata, version"
        func rows(_ database: StoreDatabase) throws -> [[String?]] {
            try database.read { db in
                try Row.fetchAll(db, sql: "SELECT \(columns) FROM dictionary_entries ORDER BY normalized_term").map { row in
                    (0..<row.count).map { (row[$0] as DatabaseValue).description }
                }
            }
        }
        #expect(try rows(database) == rows(reference))
        for (index, change) in written.prefix(50) {
            let stored = try #require(try repository.entry(id: change.id))
            #expect(stored.term == drafts[index].term && stored.lang == change.lang && stored.type == change.type)
            #expect(stored.overallScore == change.overallScore)
        }
    }

    @Test func entryJSONMatchesTheWebClientContractAndKeepsUnknownKeys() async throws {
        let database = try DatabaseKind.memory.open(.dictionary).database
        let repository = EntryRepository(database: database)
        let metadataJSON = #"{"related_terms":["a"],"musical_period":"Baroque","nested":{"x":[1,true,null]}}"#
        let metadata = try JSONDecoder().decode(EntryMetadata.self, from: Data(metadataJSON.utf8))
        let entry = try repository.create(EntryDraft(
            term: "Fugue", type: .form,
            definition: EntryDefinition(concise: "c", senses: [EntryDefinition.Sense(pos: "n", gloss: "a contrapuntal form", examples: ["x"])]),
            references: ["wikipedia": .object(["url": .string("https://en.wikipedia.org/wiki/Fugue")])],
            metadata: metadata, qualityScore: QualityScore(overall: 55)))
        let data = try JSONEncoder().encode(entry)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["references"] != nil && object["refs"] == nil)
        #expect(object["folded_term"] == nil && object["overall_score"] == nil)
        let meta = try #require(object["metadata"] as? [String: Any])
        #expect(meta["musical_period"] as? String == "Baroque")
        #expect(meta["search_frequency"] as? Int == 0)
        #expect((object["updated_at"] as? String)?.hasSuffix("Z") == true)
        let decoded = try JSONDecoder().decode(DictionaryEntry.self, from: data)
        #expect(decoded.metadata == entry.metadata)
        #expect(decoded.definition.senses?.first?.gloss == "a contrapuntal form")
        // The FTS body includes sense glosses.
        let hits = try await SearchService(database: database).search(SearchRequest(query: "contrapuntal", mode: .lexical))
        #expect(hits.results.map { $0.entry.id } == [entry.id])
    }
}
