import DictPostgres
package import DictionaryCore
import PostgresNIO

/// The reads of semantic and hybrid search on PostgreSQL (`SearchStore`'s last section): the same rows as SQLite's,
/// by primary keys passed as one array (`= ANY($1)`) instead of chunks of placeholders.
extension PostgresSearchStore {
    package func entries(ids: [String]) async throws -> [String: DictionaryEntry] {
        guard !ids.isEmpty else { return [:] }
        var statement = PostgresStatement()
        let sql = "SELECT \(PostgresEntryRow.columns) FROM dictionary_entries e WHERE e.id = ANY(\(statement.bind(ids)))"
        var result: [String: DictionaryEntry] = [:]
        for row in try await session.query(statement.query(sql)) {
            let entry = try PostgresEntryRow.decode(row)
            result[entry.id] = entry
        }
        return result
    }

    package func languages(ids: [String]) async throws -> [String: Language] {
        guard !ids.isEmpty else { return [:] }
        var statement = PostgresStatement()
        let sql = "SELECT id, lang FROM dictionary_entries WHERE id = ANY(\(statement.bind(ids)))"
        var result: [String: Language] = [:]
        for row in try await session.query(statement.query(sql)) {
            let (id, lang) = try row.decode((String, String).self)
            if let language = Language(rawValue: lang) { result[id] = language }
        }
        return result
    }

    package func facetCounts(_ facets: [SearchFacet], ids: [String]) async throws -> [SearchFacet: [String: Int]] {
        guard !ids.isEmpty else { return FacetTally(facets).counts }
        var statement = PostgresStatement()
        let sql = "SELECT lang, type, count(*) FROM dictionary_entries WHERE id = ANY(\(statement.bind(Array(Set(ids))))) GROUP BY lang, type"
        var tally = FacetTally(facets)
        for row in try await session.query(statement.query(sql)) {
            let (lang, type, count) = try row.decode((String, String, Int).self)
            tally.add(lang: lang, type: type, count: count)
        }
        return tally.counts
    }

    package func knownWordCount(of tokens: [String]) async throws -> Int {
        var known = 0
        var cache: [String: Bool] = [:]
        for token in tokens {
            if cache[token] == nil { cache[token] = try await documentsHolding(Self.lexeme(token)) > 0 }
            if cache[token] == true { known += 1 }
        }
        return known
    }

    package func candidateRecords(for matches: [SemanticMatch]) async throws -> [String: CandidateRecord] {
        var result: [String: CandidateRecord] = [:]
        let named = try await records(rowIDs: matches.compactMap(\.rowID))
        var totals: [String: SenseTotals] = [:]
        for match in matches { if let senseTotals = match.senseTotals { totals[match.entryID] = senseTotals } }
        let uncounted = named.filter { totals[$0.entryID] == nil }.map(\.rowID)
        if !uncounted.isEmpty { totals.merge(try await senseTotals(ofRows: uncounted)) { known, _ in known } }
        for var record in named {
            let senses = totals[record.entryID] ?? SenseTotals(count: 1, frequency: record.senseFrequency)
            record.senseCount = senses.count
            record.totalSenseFrequency = senses.frequency
            result[record.entryID] = record
        }
        let unnamed = matches.filter { $0.rowID == nil }.map(\.entryID)
        guard !unnamed.isEmpty else { return result }
        var statement = PostgresStatement()
        let sql = """
            SELECT e.id, e.term, e.normalized_term, e.lang, e.type, e.overall_score, coalesce(f.zipf, 0),
                   coalesce(e.definition #>> '{senses,0,gloss}', e.definition ->> 'concise', e.definition ->> 'detailed', '')
            FROM dictionary_entries e LEFT JOIN word_frequencies f ON f.lang = e.lang AND f.word = e.normalized_term
            WHERE e.id = ANY(\(statement.bind(unnamed)))
            """
        for row in try await session.query(statement.query(sql)) {
            let (id, term, normalized, langText, typeText, score, zipf, gloss) =
                try row.decode((String, String, String, String, String, Double, Double, String).self)
            guard let lang = Language(rawValue: langText), let type = TermType(rawValue: typeText) else { continue }
            result[id] = CandidateRecord(
                rowID: 0, entryID: id, term: term, normalizedTerm: normalized, lang: lang, type: type, overallScore: score,
                gloss: gloss, chunk: 0, partOfSpeech: nil, senseFrequency: 0, zipf: zipf, senseCount: 1, totalSenseFrequency: 0)
        }
        return result
    }

    /// The records of these `term_embeddings` rows, each counted as its entry's only sense (`candidateRecords`
    /// fills in the totals); vanished rows or entries absent.
    private func records(rowIDs: [Int64]) async throws -> [CandidateRecord] {
        guard !rowIDs.isEmpty else { return [] }
        var statement = PostgresStatement()
        let sql = """
            SELECT t.id, t.chunk, t.part_of_speech, coalesce(t.sense_frequency, 0), coalesce(f.zipf, 0),
                   e.id, e.term, e.normalized_term, e.lang, e.type, e.overall_score,
                   coalesce(t.gloss, e.definition #>> ARRAY['senses', t.chunk::text, 'gloss'], e.definition ->> 'concise',
                            e.definition ->> 'detailed', '')
            FROM term_embeddings t
            JOIN dictionary_entries e ON e.id = t.entry_id
            LEFT JOIN word_frequencies f ON f.lang = e.lang AND f.word = e.normalized_term
            WHERE t.id = ANY(\(statement.bind(rowIDs)))
            """
        var result: [CandidateRecord] = []
        for row in try await session.query(statement.query(sql)) {
            let (rowID, chunk, pos, frequency, zipf, entryID, term, normalized, langText, typeText, score, gloss) =
                try row.decode((Int64, Int, String?, Int, Double, String, String, String, String, String, Double, String).self)
            guard let lang = Language(rawValue: langText), let type = TermType(rawValue: typeText) else { continue }
            result.append(CandidateRecord(
                rowID: rowID, entryID: entryID, term: term, normalizedTerm: normalized, lang: lang, type: type, overallScore: score,
                gloss: gloss, chunk: chunk, partOfSpeech: pos.flatMap(PartOfSpeech.init(name:)), senseFrequency: frequency,
                zipf: zipf, senseCount: 1, totalSenseFrequency: frequency))
        }
        return result
    }

    /// The sense count and frequency sum of the entries of these rows, over their entries' vectors of the same model.
    private func senseTotals(ofRows rowIDs: [Int64]) async throws -> [String: SenseTotals] {
        var statement = PostgresStatement()
        let sql = """
            SELECT x.entry_id, count(*), coalesce(sum(x.sense_frequency), 0)::bigint
            FROM term_embeddings t JOIN term_embeddings x ON x.entry_id = t.entry_id AND x.model = t.model
            WHERE t.id = ANY(\(statement.bind(rowIDs))) GROUP BY x.entry_id
            """
        var result: [String: SenseTotals] = [:]
        for row in try await session.query(statement.query(sql)) {
            let (id, count, frequency) = try row.decode((String, Int, Int).self)
            result[id] = SenseTotals(count: count, frequency: frequency)
        }
        return result
    }

    package func vectorPresence() async throws -> (anyEntry: Bool, anyVector: Bool) {
        let rows = try await session.execute(
            "SELECT EXISTS (SELECT 1 FROM dictionary_entries), EXISTS (SELECT 1 FROM term_embeddings)")
        guard let row = rows.first else { return (false, false) }
        let (anyEntry, anyVector) = try row.decode((Bool, Bool).self)
        return (anyEntry, anyVector)
    }

    package func entriesWithoutVectors() async throws -> Int {
        let rows = try await session.execute("""
            SELECT count(*) FROM dictionary_entries e WHERE NOT EXISTS (SELECT 1 FROM term_embeddings t WHERE t.entry_id = e.id)
            """)
        return try rows.first?.decode(Int.self) ?? 0
    }

    package func translations(of sourceIDs: [String], passing filters: SearchFilters) async throws -> [String: [String]] {
        guard !sourceIDs.isEmpty, !filters.languages.isEmpty else { return [:] }
        var keyOf: [String: String] = [:]
        var sources = PostgresStatement()
        let sourceSQL = """
            SELECT id, lang, normalized_term, metadata ->> 'translation_of' FROM dictionary_entries
            WHERE id = ANY(\(sources.bind(sourceIDs)))
            """
        for row in try await session.query(sources.query(sourceSQL)) {
            let (id, lang, normalized, original) = try row.decode((String, String, String, String?).self)
            if let key = TranslationKeys.key(lang: lang, normalizedTerm: normalized, translationOf: original) { keyOf[id] = key }
        }
        let keys = Array(Set(keyOf.values)).sorted()
        guard !keys.isEmpty else { return [:] }

        var targetsOf: [String: [String]] = [:]
        func collect(_ rows: [PostgresRow], key: (String) -> String?) throws {
            for row in rows {
                let (id, langText, typeText, score, keyText) = try row.decode((String, String, String, Double, String).self)
                guard let language = Language(rawValue: langText), let type = TermType(rawValue: typeText),
                      filters.matches(lang: language, type: type, overallScore: score), let key = key(keyText) else { continue }
                targetsOf[key, default: []].append(id)
            }
        }
        if filters.languages.contains(.en) {
            var english = PostgresStatement()
            let sql = """
                SELECT id, lang, type, overall_score, normalized_term FROM dictionary_entries
                WHERE lang = 'en' AND normalized_term = ANY(\(english.bind(keys)))
                """
            try collect(try await session.query(english.query(sql))) { $0 }
        }
        let others = filters.languages.filter { $0 != .en }.map(\.rawValue)
        if !others.isEmpty {
            let wanted = Set(keys)
            var translated = PostgresStatement()
            let sql = """
                SELECT id, lang, type, overall_score, metadata ->> 'translation_of' FROM dictionary_entries
                WHERE lang = ANY(\(translated.bind(others))) AND metadata ->> 'translation_of' IS NOT NULL
                """
            try collect(try await session.query(translated.query(sql))) { original in
                let key = TermNormalizer.normalize(original)
                return wanted.contains(key) ? key : nil
            }
        }
        return TranslationKeys.translations(keyOf: keyOf, targetsOf: targetsOf)
    }
}
