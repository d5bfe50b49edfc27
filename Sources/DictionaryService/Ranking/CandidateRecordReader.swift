import GRDB

/// Reads the `CandidateRecord`s of a few matched vectors in one statement: O(c log n) by primary keys, the
/// `(entry_id, model, chunk)` index and the word-frequency key, for c candidates.
enum CandidateRecordReader {
    /// The record of each match, keyed by entry id: from its matched vector when the backend names it, else from
    /// the entry alone (as its first sense, without sense statistics). Vanished rows or entries are absent.
    static func records(for matches: [SemanticMatch], in db: Database) throws -> [String: CandidateRecord] {
        var result: [String: CandidateRecord] = [:]
        for record in try records(rowIDs: matches.compactMap(\.rowID), in: db).values { result[record.entryID] = record }
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
                let langText: String = row["lang"], typeText: String = row["type"]
                guard let lang = Language(rawValue: langText), let type = TermType(rawValue: typeText) else { continue }
                let gloss: String? = row["gloss"]
                let id: String = row["entry_id"]
                result[id] = CandidateRecord(
                    rowID: 0, entryID: id, term: row["term"], normalizedTerm: row["normalized_term"], lang: lang, type: type,
                    overallScore: row["overall_score"], gloss: gloss ?? "", chunk: 0, partOfSpeech: nil, senseFrequency: 0,
                    zipf: row["zipf"], senseCount: 1, totalSenseFrequency: 0)
            }
            start += 500
        }
        return result
    }

    /// Records keyed by `term_embeddings.id`; rows (or entries) that vanished meanwhile are absent.
    static func records(rowIDs: [Int64], in db: Database) throws -> [Int64: CandidateRecord] {
        var result: [Int64: CandidateRecord] = [:]
        var start = 0
        while start < rowIDs.count {
            let chunk = Array(rowIDs[start..<min(start + 500, rowIDs.count)])
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try Row.fetchCursor(db, sql: """
                SELECT t.id, t.chunk, t.part_of_speech, coalesce(t.sense_frequency, 0) AS frequency, coalesce(f.zipf, 0) AS zipf,
                       (SELECT count(*) FROM term_embeddings x WHERE x.entry_id = t.entry_id AND x.model = t.model) AS senses,
                       (SELECT coalesce(sum(x.sense_frequency), 0) FROM term_embeddings x
                        WHERE x.entry_id = t.entry_id AND x.model = t.model) AS total,
                       e.id AS entry_id, e.term, e.normalized_term, e.lang, e.type, e.overall_score,
                       coalesce(json_extract(e.definition, '$.senses[' || t.chunk || '].gloss'),
                                json_extract(e.definition, '$.concise'), json_extract(e.definition, '$.detailed'), '') AS gloss
                FROM term_embeddings t
                JOIN dictionary_entries e ON e.id = t.entry_id
                LEFT JOIN word_frequencies f ON f.lang = e.lang AND f.word = e.normalized_term
                WHERE t.id IN (\(placeholders))
                """, arguments: StatementArguments(chunk))
            while let row = try rows.next() {
                let langText: String = row["lang"], typeText: String = row["type"]
                guard let lang = Language(rawValue: langText), let type = TermType(rawValue: typeText) else { continue }
                let pos: String? = row["part_of_speech"]
                let gloss: String? = row["gloss"]
                result[row["id"]] = CandidateRecord(
                    rowID: row["id"], entryID: row["entry_id"], term: row["term"], normalizedTerm: row["normalized_term"],
                    lang: lang, type: type, overallScore: row["overall_score"], gloss: gloss ?? "", chunk: row["chunk"],
                    partOfSpeech: pos.flatMap(PartOfSpeech.init(name:)), senseFrequency: row["frequency"], zipf: row["zipf"],
                    senseCount: row["senses"], totalSenseFrequency: row["total"])
            }
            start += 500
        }
        return result
    }
}
