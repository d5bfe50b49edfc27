import DictEmbedding
import DictStore
import DictVectors
import DictionaryCore
import DictionarySearch
import Foundation
import GRDB

/// A small hand-written dictionary for route tests: the same term in several languages, accents, Chinese,
/// synonyms, and one relation (allegro → allegretto).
enum Fixture {
    static let drafts: [EntryDraft] = [
        draft("allegro", .en, .tempo, "Fast, quick and bright.", 92, synonyms: ["fast"]),
        draft("Allegro", .es, .tempo, "Rápido y alegre.", 80),
        draft("allegretto", .en, .tempo, "Moderately fast, lighter than allegro.", 78),
        draft("crescendo", .en, .dynamics, "Gradually getting louder.", 90, synonyms: ["cresc"]),
        draft("decrescendo", .en, .dynamics, "Gradually getting softer.", 85),
        draft("staccato", .en, .articulation, "Short and detached notes.", 95),
        draft("piano", .en, .dynamics, "Soft; played quietly.", 93),
        draft("pianoforte", .en, .instrument, "A keyboard instrument with hammers.", 91),
        draft("crème", .fr, .general, "Cream, or the best of something.", 70),
        draft("渐强", .zhCN, .dynamics, "渐渐变强", 88),
        draft("100% legato", .en, .articulation, "Fully smooth.", 50),
    ]

    static func draft(_ term: String, _ lang: Language, _ type: TermType, _ concise: String, _ score: Double, synonyms: [String] = []) -> EntryDraft {
        EntryDraft(
            term: term, lang: lang, type: type, definition: EntryDefinition(concise: concise),
            metadata: EntryMetadata(synonyms: synonyms), qualityScore: QualityScore(overall: score))
    }

    /// Inserts the drafts and the relation; returns the stored entries.
    static func insert(into database: StoreDatabase) throws -> [DictionaryEntry] {
        let entries = try EntryRepository(database: database).insertAll(drafts)
        let allegro = entries.first { $0.term == "allegro" }!
        let allegretto = entries.first { $0.term == "allegretto" }!
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO related_terms (id, entry_id, related_entry_id, relationship_type, confidence_score) VALUES (?, ?, ?, 'see_also', 0.9)",
                arguments: [UUID().uuidString.lowercased(), allegro.id, allegretto.id])
        }
        return entries
    }
}

/// A 3-dimensional stand-in embedder: "fast"/"quick" → x, "loud" → y, anything else → z. Enough to tell that the
/// semantic path ran and ranked by cosine.
struct KeywordEmbedder: Embedder {
    let modelName = "keyword-test"
    let dimension = 3

    func embed(_ texts: [String]) throws -> [[Float]] {
        texts.map { text in
            let lower = text.lowercased()
            if lower.contains("fast") || lower.contains("quick") { return [1, 0, 0] }
            if lower.contains("loud") { return [0, 1, 0] }
            return [0, 0, 1]
        }
    }
    func tokenCount(of text: String) -> Int { text.split(separator: " ").count }
}

/// Brute-force cosine over fixed vectors: allegro → x, crescendo → y, everything else → z.
struct KeywordBackend: SemanticBackend {
    let vectors: [(entry: DictionaryEntry, vector: [Float])]

    init(entries: [DictionaryEntry]) {
        vectors = entries.map { entry in
            switch entry.term {
            case "allegro": (entry, [1, 0, 0])
            case "crescendo": (entry, [0, 1, 0])
            default: (entry, [0, 0, 1])
            }
        }
    }

    func search(query: UnitVector, k: Int, filters: SearchFilters, partOfSpeech: PartOfSpeech?, minSimilarity: Float) throws
        -> [SemanticMatch] {
        vectors.filter { candidate in
            (filters.languages.isEmpty || filters.languages.contains(candidate.entry.lang))
                && (filters.types.isEmpty || filters.types.contains(candidate.entry.type))
                && candidate.entry.overallScore >= (filters.minQuality ?? 0) && candidate.entry.overallScore <= (filters.maxQuality ?? 100)
        }
        .map { SemanticMatch(entryID: $0.entry.id, similarity: zip($0.vector, query.components).map(*).reduce(0, +)) }
        .filter { $0.similarity >= minSimilarity }
        .sorted { $0.similarity > $1.similarity }
        .prefix(k).map { $0 }
    }

    func matches(query: UnitVector, entryIDs: [String], partOfSpeech: PartOfSpeech?) throws -> [SemanticMatch] {
        let wanted = Set(entryIDs)
        return try search(query: query, k: vectors.count, filters: SearchFilters(), partOfSpeech: partOfSpeech, minSimilarity: -.infinity)
            .filter { wanted.contains($0.entryID) }
    }
}
