import DictionaryCore
import GRDB

/// Reads the `CandidateRecord`s of a few matched vectors in one statement: O(c log n) by primary keys and the
/// word-frequency key, for c candidates (plus the candidates' senses when the backend keeps no sense totals).
enum CandidateRecordReader {
    /// The record of each match, keyed by entry id: from its matched vector when the backend names it, else from
    /// the entry alone (as its first sense, without sense statistics). Vanished rows or entries are absent.
    /// Sense totals come from the matches when the backend keeps them, else from one grouped read.
    static func records(for matches: [SemanticMatch], in db: Database) throws -> [String: CandidateRecord] {
        var result: [String: CandidateRecord] = [:]
        let named = try records(rowIDs: matches.compactMap(\.rowID), in: db)
        var totals: [String: SenseTotals] = [:]
        for match in matches { if let senseTotals = match.senseTotals { totals[match.entryID] = senseTotals } }
        let uncounted = named.values.filter { totals[$0.entryID] == nil }
        if !uncounted.isEmpty { totals.merge(try senseTotals(of: uncounted, in: db)) { known, _ in known } }
        for var record in named.values {
            let senses = totals[record.entryID] ?? SenseTotals(count: 1, frequency: record.senseFrequency)
            record.senseCount = senses.count
            record.totalSenseFrequency = senses.frequency
            result[record.entryID] = record
        }
        let unnamed = matches.filter { $0.rowID == nil }.map(\.entryID)
        var start = 0
        while start < unnamed.count {
            let chunk = Array(unnamed[start..<min(start + 500, unnamed.count)])
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try Row.fetchCursor(db, sql: """
                SELECT e.id AS entry_id, e.term, e.normalized_term, e.lang, e.type, e.overall_score, coalesce(f.zipf, 0) AS zipf,
                       coalesce(json_extract(e.definition, '$.senses[0].gloss'), json_extract(e.definition, '$.concise'),
                                json_extract(e.definition, '$.detailed'), '') AS gloss
                FROM dictionary_entries e LEFT JOIN word_frequencies f ON f.lang = e.lang AND f.word = e.normalized_term
                WHERE e.id IN (\(placeholders))
                """, arguments: StatementArguments(chunk))
            while let row = try rows.next() {
                let langText: String = row[3], typeText: String = row[4]
                guard let lang = Language(rawValue: langText), let type = TermType(rawValue: typeText) else { continue }
                let gloss: String? = row[7]
                let id: String = row[0]
                result[id] = CandidateRecord(
                    rowID: 0, entryID: id, term: row[1], normalizedTerm: row[2], lang: lang, type: type,
                    overallScore: row[5], gloss: gloss ?? "", chunk: 0, partOfSpeech: nil, senseFrequency: 0,
                    zipf: row[6], senseCount: 1, totalSenseFrequency: 0)
            }
            start += 500
        }
        return result
    }

    /// The sense totals of `records`' entries for each record's model, summed over `term_embeddings`.
    static func senseTotals(of records: [CandidateRecord], in db: Database) throws -> [String: SenseTotals] {
        var result: [String: SenseTotals] = [:]
        var start = 0
        while start < records.count {
            let chunk = Array(records[start..<min(start + 500, records.count)])
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try Row.fetchCursor(db, sql: """
                SELECT x.entry_id, count(*), coalesce(sum(x.sense_frequency), 0)
                FROM term_embeddings t JOIN term_embeddings x ON x.entry_id = t.entry_id AND x.model = t.model
                WHERE t.id IN (\(placeholders)) GROUP BY x.entry_id
                """, arguments: StatementArguments(chunk.map(\.rowID)))
            while let row = try rows.next() { result[row[0]] = SenseTotals(count: row[1], frequency: row[2]) }
            start += 500
        }
        return result
    }

    /// Records keyed by `term_embeddings.id`, without their entries' sense totals (count 1, the sense's own
    /// frequency: `records(for:in:)` fills them in); rows (or entries) that vanished meanwhile are absent.
    static func records(rowIDs: [Int64], in db: Database) throws -> [Int64: CandidateRecord] {
        var result: [Int64: CandidateRecord] = [:]
        var start = 0
        while start < rowIDs.count {
            let chunk = Array(rowIDs[start..<min(start + 500, rowIDs.count)])
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            // Cached: a query's candidate count takes few distinct values, and compiling this join cost ~0.1 ms.
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT t.id, t.chunk, t.part_of_speech, coalesce(t.sense_frequency, 0) AS frequency, coalesce(f.zipf, 0) AS zipf,
                       e.id AS entry_id, e.term, e.normalized_term, e.lang, e.type, e.overall_score,
                       coalesce(t.gloss, json_extract(e.definition, '$.senses[' || t.chunk || '].gloss'),
                                json_extract(e.definition, '$.concise'), json_extract(e.definition, '$.detailed'), '') AS gloss
                FROM term_embeddings t
                JOIN dictionary_entries e ON e.id = t.entry_id
                LEFT JOIN word_frequencies f ON f.lang = e.lang AND f.word = e.normalized_term
                WHERE t.id IN (\(placeholders))
                """), arguments: StatementArguments(chunk))
            // By position (the SELECT's order): GRDB's lookup by name lower-cases every column name per access.
            while let row = try rows.next() {
                let langText: String = row[8], typeText: String = row[9]
                guard let lang = Language(rawValue: langText), let type = TermType(rawValue: typeText) else { continue }
                let pos: String? = row[2]
                let gloss: String? = row[11]
                let rowID: Int64 = row[0], frequency: Int = row[3]
                result[rowID] = CandidateRecord(
                    rowID: rowID, entryID: row[5], term: row[6], normalizedTerm: row[7],
                    lang: lang, type: type, overallScore: row[10], gloss: gloss ?? "", chunk: row[1],
                    partOfSpeech: pos.flatMap(PartOfSpeech.init(name:)), senseFrequency: frequency, zipf: row[4],
                    senseCount: 1, totalSenseFrequency: frequency)
            }
            start += 500
        }
        return result
    }
}
