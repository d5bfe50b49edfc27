import GRDB

/// The dictionary's own vocabulary: the distinct tokens of its full-text index (terms, synonyms and definition
/// text), read through the `fts5vocab` table `dictionary_fts_vocabulary`. O(log n) per word.
enum DictionaryVocabulary {
    /// How many of `tokens` (normalized word tokens; repeats count each time) occur in the index. Tokens are
    /// accent-folded first, as the index's `unicode61 remove_diacritics 2` tokenizer stores them.
    static func knownCount(of tokens: [String], in db: Database) throws -> Int {
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM dictionary_fts_vocabulary WHERE term = ? LIMIT 1")
        var known = 0
        var cache: [String: Bool] = [:]
        for token in tokens {
            if cache[token] == nil {
                cache[token] = try Int.fetchOne(statement, arguments: [TermNormalizer.fold(token)]) != nil
            }
            if cache[token] == true { known += 1 }
        }
        return known
    }
}
