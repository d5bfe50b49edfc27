import DictMigrations
import DictStore
import DictTesting
import GRDB
import Testing
@testable import DictionaryCore
@testable import DictionaryImport
@testable import DictionaryQueues


@Suite("WordNet import")
struct WordNetImporterTests {
    @Test("Lemmas become English entries with one sense per synset, relations, music types; existing entries are kept", arguments: DatabaseKind.allCases)
    func importsLexicon(kind: DatabaseKind) async throws {
        try await withWordNetFixture { fixture in
            let lexicon = WordNetLexicon(synsets: try fixture.reader.allSynsets())
            let (database, keep) = try kind.open(.dictionary)
            _ = keep
            let repository = EntryRepository(database: database)
            // A glossary entry that WordNet also has: kept by default.
            try repository.create(EntryDraft(term: "crescendo", type: .dynamics,
                                             definition: EntryDefinition(concise: "ours"), qualityScore: QualityScore(overall: 90)))
            let report = try await WordNetImporter(repository: repository).importLexicon(lexicon)
            #expect(report.lemmas == lexicon.count)
            #expect(report.stored == lexicon.count - 1)
            #expect(try repository.entry(term: "crescendo", lang: .en)?.definition.concise == "ours")

            let piano = try #require(try repository.entry(term: "piano", lang: .en))
            #expect(piano.type == .instrument)
            #expect(piano.definition.senses?.count == 2)
            #expect(piano.definition.senses?.first?.pos == "noun")
            #expect(piano.definition.concise == piano.definition.senses?.first?.gloss)
            #expect(piano.metadata.synonyms == ["pianoforte"])
            #expect(piano.overallScore == WordNetImporter.qualityScore)
            let bach = try #require(try repository.entry(term: "Johann Sebastian Bach", lang: .en))
            #expect(bach.type == .composer)
            let synonymRows = try database.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM related_terms r JOIN dictionary_entries a ON a.id = r.entry_id
                    JOIN dictionary_entries b ON b.id = r.related_entry_id
                    WHERE a.normalized_term = 'piano' AND b.normalized_term = 'pianoforte' AND r.relationship_type = 'synonym'
                    """)
            }
            #expect(synonymRows == 1)
            #expect(report.relationsCreated > 0)
            // A second run writes nothing new.
            let again = try await WordNetImporter(repository: repository).importLexicon(lexicon)
            #expect(again.stored == 0)
            #expect(try repository.count() == lexicon.count)
        }
    }

    @Test("Sense texts: one per sense when there are several, else term plus definition")
    func embeddingChunks() throws {
        let senses = #"{"concise":"a keyboard instrument","senses":[{"pos":"noun","gloss":"a keyboard instrument"},{"pos":"noun","gloss":"a quiet level of sound"}]}"#
        #expect(try EmbeddingText.chunks(term: "piano", definitionJSON: senses, entryID: "e") == [
            "piano (noun): a keyboard instrument", "piano (noun): a quiet level of sound",
        ])
        let single = #"{"concise":"Gradually louder.","detailed":"A marking."}"#
        #expect(try EmbeddingText.chunks(term: "crescendo", definitionJSON: single, entryID: "e") == ["crescendo: Gradually louder. A marking."])
        #expect(try EmbeddingText.chunks(term: "x", definitionJSON: "{}", entryID: "e") == ["x"])
        #expect(throws: EmbeddingError.self) { try EmbeddingText.chunks(term: "x", definitionJSON: "[1]", entryID: "e") }
        #expect(EmbeddingText.sourceHash(of: ["a", "b"]) != EmbeddingText.sourceHash(of: ["ab"]))
    }
}
