import Foundation
import GRDB

/// The dictionary's own vocabulary: the tokens of its full-text index (terms, synonyms and definition text).
/// O(log n) per word: one full-text lookup that stops at the first match.
enum DictionaryVocabulary {
    /// How many of `tokens` (normalized word tokens; repeats count each time) occur in the index.
    static func knownCount(of tokens: [String], in db: Database) throws -> Int {
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM dictionary_fts WHERE dictionary_fts MATCH ? LIMIT 1")
        var known = 0
        var cache: [String: Bool] = [:]
        for token in tokens {
            if cache[token] == nil {
                let phrase = "\"" + token.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                cache[token] = try Int.fetchOne(statement, arguments: [phrase]) != nil
            }
            if cache[token] == true { known += 1 }
        }
        return known
    }
}
