import DictMigrations
import DictStore
import DictTesting
import DictVectors
import Foundation
import GRDB
import Testing
@testable import DictionaryCore
@testable import DictionaryGeneration
@testable import DictionarySearch


/// The ranking rules of semantic and hybrid search, on a small migrated dictionary whose vectors come from the
/// hashed bag-of-words test embedder (so which words a gloss shares with a query decides its cosine).
@Suite("Ranking rules")
struct RankingRuleTests {
    private let embedder = HashedBagOfWordsEmbedder(dimension: 256)

    /// A migrated dictionary with `entries` (term, type, senses as (pos, gloss)), their vectors and `frequencies`.
    private func dictionary(
        _ entries: [(term: String, type: TermType, senses: [(pos: String, gloss: String)])], frequencies: [String: Double]
    ) throws -> (directory: TemporaryDirectory, search: SearchService, ids: [String: String]) {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        let repository = EntryRepository(database: database)
        var ids: [String: String] = [:]
        for item in entries {
            var definition = EntryDefinition(concise: item.senses.first?.gloss)
            definition.senses = item.senses.map { EntryDefinition.Sense(pos: $0.pos, gloss: $0.gloss) }
            let entry = try repository.create(EntryDraft(term: item.term, type: item.type, definition: definition,
                                                         qualityScore: QualityScore(overall: 80)))
            ids[item.term] = entry.id
            // Vectors of the gloss alone, so only the gloss words decide the cosine.
            let vectors = try embedder.embed(item.senses.map(\.gloss))
            try database.write { db in
                try TermEmbeddingWriter().write(entryID: entry.id, model: embedder.modelName, vectors: vectors, sourceHash: "test", in: db)
            }
        }
        if !frequencies.isEmpty {
            let list = frequencies.map { "\($0.key)\t\($0.value)" }.joined(separator: "\n")
            let file = directory.url.appendingPathComponent("en.tsv")
            try list.write(to: file, atomically: true, encoding: .utf8)
            _ = try WordFrequencyImporter(database: database).importList(at: file.path, language: .en)
        }
        let backend = try VectorIndexBackend(database: database, model: embedder.modelName, dimension: 256)
        var configuration = SearchConfiguration()
        configuration.minSimilarity = 0
        let search = SearchService(database: database, semantic: SemanticComponents(embedder: embedder, backend: backend),
                                   configuration: configuration)
        return (directory, search, ids)
    }

    @Test func vectorsCarryTheirSensesPartOfSpeechAndFrequency() throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        var definition = EntryDefinition(concise: "move fast")
        definition.senses = [.init(pos: "verb", gloss: "move fast", frequency: 12), .init(pos: "noun", gloss: "a score in cricket")]
        let entry = try EntryRepository(database: database).create(EntryDraft(term: "run", type: .general, definition: definition))
        try database.write { db in
            try TermEmbeddingWriter().write(entryID: entry.id, model: "m", vectors: [[1, 0], [0, 1]], sourceHash: "h", in: db)
        }
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT part_of_speech, sense_frequency FROM term_embeddings WHERE entry_id = ? ORDER BY chunk",
                             arguments: [entry.id])
        }
        #expect(rows.map { $0[0] as String? } == ["verb", "noun"])
        #expect(rows.map { $0[1] as Int? } == [12, nil])
    }

    @Test func priorsComputedAtLoadEqualPriorsReadBackForEachEntry() throws {
        let (directory, search, ids) = try dictionary([
            ("run", .general, [("verb", "move fast on foot"), ("noun", "a fast race on foot")]),
            ("sprint", .general, [("verb", "run fast for a short way")]),
            ("presto", .tempo, [("adverb", "very fast in tempo")]),
            ("dash", .general, [("noun", "a short fast race"), ("verb", "move fast")]),
        ], frequencies: ["run": 5.5, "dash": 4.2, "sprint": 3.1])
        _ = directory
        let backend = try #require(search.semantic?.backend as? VectorIndexBackend)
        let query = try HashedBagOfWordsEmbedder(dimension: 256).embed(["to move fast"])[0]
        func scores() throws -> [String: Float] {
            var result: [String: Float] = [:]
            for pos in [nil, PartOfSpeech.verb, .noun] {
                for hit in try backend.index.search(query: query, k: 50, boost: backend.prior.boost(for: pos)) {
                    result["\(pos.map { "\($0)" } ?? "-")/\(hit.rowID)"] = hit.score
                }
            }
            return result
        }
        let loaded = try scores()
        #expect(loaded.count == 12)
        // Re-reading every entry recomputes its rows' priors with the per-entry SQL path.
        backend.entriesChanged(upserted: ids.values.map {
            EntryChange(id: $0, created: false, embeddingTextChanged: false, lang: .en, type: .general, overallScore: 80)
        }, deleted: [])
        #expect(try scores() == loaded)
    }

    @Test func theMoreFrequentWordWinsATie() async throws {
        // Same gloss, so the same cosine: the word people use more often comes first, in both orders of insertion.
        for order in [["cheap", "inexpensive"], ["inexpensive", "cheap"]] {
            let (directory, search, ids) = try dictionary(
                order.map { ($0, .general, [("adjective", "costing little money")]) },
                frequencies: ["cheap": 4.7, "inexpensive": 3.6, "costing": 3.0, "little": 5.5, "money": 5.5])
            // The folder must outlive every read of the database inside it.
            defer { withExtendedLifetime(directory) {} }
            let response = try await search.search(SearchRequest(query: "costing little money", mode: .semantic))
            #expect(response.results.first?.entry.id == ids["cheap"], "insertion order \(order)")
            #expect(response.results.count == 2)
        }
    }

    @Test func aDescriptionNeverGetsItsOwnWordsBack() async throws {
        let (directory, search, ids) = try dictionary(
            [("dog", .general, [("noun", "a young dog puppy animal")]),
             ("puppy", .general, [("noun", "a young dog")])],
            frequencies: ["dog": 5.0, "puppy": 4.0, "young": 5.0])
        // The folder must outlive every read of the database inside it.
        defer { withExtendedLifetime(directory) {} }
        let described = try await search.search(SearchRequest(query: "a young dog", mode: .semantic))
        #expect(described.results.map(\.entry.id) == [ids["puppy"]!])
        // A single typed word is not a description: the word itself may come back.
        let typed = try await search.search(SearchRequest(query: "dog", mode: .semantic))
        #expect(typed.results.contains { $0.entry.id == ids["dog"] })
    }

    @Test func theGuessedPartOfSpeechIsFavoured() async throws {
        // "to ..." describes a verb: the verb sense wins a tie with the noun sense; "a ..." the other way round.
        let (directory, search, ids) = try dictionary(
            [("repair", .general, [("verb", "mend something broken again")]),
             ("mending", .general, [("noun", "mend something broken again")])],
            frequencies: ["repair": 4.0, "mending": 4.0])
        // The folder must outlive every read of the database inside it.
        defer { withExtendedLifetime(directory) {} }
        let verb = try await search.search(SearchRequest(query: "to mend something broken", mode: .semantic))
        #expect(verb.results.first?.entry.id == ids["repair"])
        let noun = try await search.search(SearchRequest(query: "a mend something broken", mode: .semantic))
        #expect(noun.results.first?.entry.id == ids["mending"])
    }

    @Test func theScoreFloorIsHonoured() async throws {
        let (directory, search, _) = try dictionary(
            [("lento", .tempo, [("adjective", "very slow tempo")]), ("presto", .tempo, [("adjective", "very fast tempo")])],
            frequencies: [:])
        // The folder must outlive every read of the database inside it.
        defer { withExtendedLifetime(directory) {} }
        let all = try await search.search(SearchRequest(query: "slow tempo", mode: .semantic, minScore: 0))
        #expect(all.results.count == 2)
        #expect(all.results.allSatisfy { (0...1).contains($0.score) })
        // Scores are calibrated probabilities: a floor above every one of them leaves nothing.
        let ceiling = all.results.map(\.score).max()!
        let none = try await search.search(SearchRequest(query: "slow tempo", mode: .semantic, minScore: min(ceiling + 1e-6, 1)))
        #expect(none.results.isEmpty)
        for mode in [SearchMode.semantic, .hybrid] {
            let floored = try await search.search(SearchRequest(query: "slow tempo", mode: mode, minScore: all.results.map(\.score).min()! + 1e-9))
            #expect(floored.results.count <= 1, "\(mode)")
        }
    }

    @Test func typedTermsComeFirstInHybrid() async throws {
        let (directory, search, ids) = try dictionary(
            [("crescendo", .dynamics, [("noun", "gradually getting louder")]),
             ("crescent", .general, [("noun", "the curved shape of the moon")]),
             ("loud", .general, [("adjective", "crescendo crescendo very loud sound")])],
            frequencies: ["crescendo": 2.8, "crescent": 3.5, "loud": 4.8])
        // The folder must outlive every read of the database inside it.
        defer { withExtendedLifetime(directory) {} }
        // Exact match first even when another gloss repeats the word.
        #expect(try await search.search(SearchRequest(query: "crescendo", mode: .hybrid)).results.first?.entry.id == ids["crescendo"])
        // Prefix completions of a typed fragment come before anything else.
        let prefix = try await search.search(SearchRequest(query: "cresc", mode: .hybrid)).results.prefix(2)
        #expect(Set(prefix.map(\.entry.id)) == [ids["crescendo"]!, ids["crescent"]!])
        #expect(prefix.allSatisfy { $0.tier == .prefix })
        // A typo finds its word.
        let typo = try await search.search(SearchRequest(query: "cresendo", mode: .hybrid))
        #expect(typo.results.first?.entry.id == ids["crescendo"])
        #expect(typo.results.first?.tier == .fuzzy)
    }

    @Test func aTypoBySoundFindsTheFrequentWordBeforeAOneLetterNeighbour() async throws {
        // "betoven" is one substitution from betoken and two slips by sound ("ee", "th") from Beethoven.
        let (directory, search, ids) = try dictionary(
            [("betoken", .general, [("verb", "be a signal for")]),
             ("Beethoven", .composer, [("noun", "German composer")]),
             ("between", .general, [("adverb", "in the interval")])],
            frequencies: ["betoken": 1.9, "beethoven": 3.6, "between": 6.3])
        // The folder must outlive every read of the database inside it.
        defer { withExtendedLifetime(directory) {} }
        for mode in [SearchMode.lexical, .hybrid] {
            let found = try await search.search(SearchRequest(query: "betoven", mode: mode)).results
            #expect(found.map(\.entry.id).prefix(2) == [ids["Beethoven"]!, ids["betoken"]!], "\(mode)")
            #expect(found.first?.tier == .fuzzy, "\(mode)")
        }
    }

    @Test func semanticRatioMovesHybridBetweenWordsAndMeaning() async throws {
        // "tempo" is in one term, the meaning of "very slow" in another entry's gloss.
        let (directory, search, ids) = try dictionary(
            [("tempo", .tempo, [("noun", "the speed of a piece")]),
             ("lento", .tempo, [("adjective", "very slow")])],
            frequencies: ["tempo": 4.0, "lento": 2.0])
        // The folder must outlive every read of the database inside it.
        defer { withExtendedLifetime(directory) {} }
        let words = try await search.search(SearchRequest(query: "very slow tempo", mode: .hybrid, semanticRatio: 0))
        #expect(words.results.first?.entry.id == ids["tempo"])
        #expect(words.results.allSatisfy { $0.similarity == nil })
        let meaning = try await search.search(SearchRequest(query: "very slow tempo", mode: .hybrid, semanticRatio: 1, explain: true))
        #expect(meaning.results.first?.entry.id == ids["lento"])
        #expect(meaning.results.first?.explanation?.semanticRatio == 1)
    }
}
