import DictMigrations
import DictStore
import DictTesting
import Foundation
import GRDB
@testable import DictionaryCore
@testable import DictionarySearch

/// A seeded fixture dictionary: hand-written musical terms (accents, Chinese, synonyms) plus generated filler
/// entries with random languages, types, scores and popularity.
struct FixtureDictionary {
    let database: StoreDatabase
    let directory: TemporaryDirectory?
    let repository: EntryRepository
    let entries: [DictionaryEntry]
    let seed: UInt64

    static let handWritten: [(String, Language, TermType, String, [String], Double)] = [
        ("crescendo", .en, .dynamics, "Gradually getting louder.", ["cresc"], 90),
        ("Crescendo", .es, .dynamics, "Aumentando gradualmente la intensidad.", [], 80),
        ("decrescendo", .en, .dynamics, "Gradually getting softer.", ["diminuendo"], 85),
        ("crème", .fr, .general, "Cream, or the best of something.", [], 70),
        ("creme", .en, .general, "A sweet cream dessert.", [], 40),
        ("fröhlich", .de, .tempo, "Cheerful, joyful character.", [], 75),
        ("Für Elise", .de, .form, "A bagatelle for solo piano.", [], 65),
        ("渐强", .zhCN, .dynamics, "渐渐变强 crescendo", [], 88),
        ("漸強", .zhTW, .dynamics, "漸漸變強 crescendo", [], 87),
        ("强弱", .zhCN, .dynamics, "力度 dynamics", [], 60),
        ("staccato", .en, .articulation, "Short and detached notes.", ["detached"], 95),
        ("allegro", .en, .tempo, "Fast, quick and bright.", [], 92),
        ("allegretto", .en, .tempo, "Moderately fast, lighter than allegro.", [], 78),
        ("100% legato", .en, .articulation, "Fully smooth; percent_sign test.", [], 50),
        ("a_b", .en, .notation, "Underscore test term.", [], 30),
        ("piano", .en, .dynamics, "Soft; played quietly.", ["p"], 93),
        ("pianoforte", .en, .instrument, "A keyboard instrument with hammers.", ["piano"], 91),
    ]

    static let fillerWords = ["sonata", "rondo", "fugue", "canon", "motet", "aria", "etude", "scherzo", "nocturne",
                              "prelude", "toccata", "gigue", "minuet", "suite", "chorale", "madrigal"]

    init(kind: DatabaseKind, seed: UInt64 = 0x5EED_D1C7) throws {
        let (database, directory) = try kind.open(.dictionary)
        self.database = database
        self.directory = directory
        self.seed = seed
        repository = EntryRepository(database: database)
        var drafts: [EntryDraft] = Self.handWritten.map { term, lang, type, text, synonyms, score in
            EntryDraft(
                term: term, lang: lang, type: type, definition: EntryDefinition(concise: text),
                metadata: EntryMetadata(synonyms: synonyms), qualityScore: QualityScore(overall: score))
        }
        var generator = SeededGenerator(seed: seed)
        for index in 0..<60 {
            let word = Self.fillerWords[index % Self.fillerWords.count]
            let other = Self.fillerWords.randomElement(using: &generator)!
            drafts.append(EntryDraft(
                term: "\(word) \(index)", lang: Language.allCases.randomElement(using: &generator)!,
                type: TermType.allCases.randomElement(using: &generator)!,
                definition: EntryDefinition(concise: "A \(word) related to \(other).", detailed: "Filler entry \(index) about \(other)."),
                qualityScore: QualityScore(overall: Double(Int.random(in: 0...100, using: &generator)))))
        }
        entries = try repository.insertAll(drafts)
        // Popularity: random counters, written directly (lookups bump them in production).
        try database.write { db in
            for entry in entries {
                try db.execute(sql: "UPDATE dictionary_entries SET search_frequency = ? WHERE id = ?",
                               arguments: [Int.random(in: 0...20, using: &generator), entry.id])
            }
        }
    }

    /// Every entry as stored now.
    func allEntries() throws -> [DictionaryEntry] {
        try database.read { db in
            try SQLiteSearchStore.entries(ids: entries.map(\.id), db: db).values.sorted { $0.id < $1.id }
        }
    }

    /// Brute-force filter check.
    static func passes(_ entry: DictionaryEntry, _ filters: SearchFilters) -> Bool {
        (filters.languages.isEmpty || filters.languages.contains(entry.lang))
            && (filters.types.isEmpty || filters.types.contains(entry.type))
            && (filters.minQuality.map { entry.overallScore >= $0 } ?? true)
            && (filters.maxQuality.map { entry.overallScore <= $0 } ?? true)
    }

    /// Brute-force order for the non-relevance sorts (mirrors `SearchService.orderClause`).
    static func inOrder(_ a: DictionaryEntry, _ b: DictionaryEntry, _ sort: SearchSort, seqs: [String: Int]) -> Bool {
        switch sort {
        case .quality where a.overallScore != b.overallScore: return a.overallScore > b.overallScore
        case .popularity where a.searchFrequency != b.searchFrequency: return a.searchFrequency > b.searchFrequency
        case .popularity where a.overallScore != b.overallScore: return a.overallScore > b.overallScore
        default: break
        }
        if a.normalizedTerm != b.normalizedTerm { return a.normalizedTerm < b.normalizedTerm }
        if sort == .alphabetical || sort == .relevance, a.lang != b.lang { return a.lang.rawValue < b.lang.rawValue }
        return seqs[a.id]! < seqs[b.id]!
    }

    /// Insertion order (`seq`) by id.
    func seqs() throws -> [String: Int] {
        try database.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, seq FROM dictionary_entries").map { ($0["id"], $0["seq"]) })
        }
    }
}
