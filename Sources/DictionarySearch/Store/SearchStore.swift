package import DictionaryCore

/// The dictionary reads of the term-key modes (exact, prefix, autocomplete, batch lookup, related terms), one
/// conformer per database engine (`SQLiteSearchStore`, `PostgresSearchStore`). Each method documents its order to
/// the last tie, so both engines answer alike; `SearchService` keeps the rules (validation, fallbacks, scores) above.
package protocol SearchStore: Sendable {
    /// Exact mode's page: entries whose normalized or accent-folded term equals the query's, with
    /// `overall_score >= minimumScore`, within the filters. Relevance order: the preferred language first, the
    /// normalized spelling before a folded one, higher score, newer version, then `seq`; other sorts: the preferred
    /// language first, then `SearchSort`'s keys. `total` counts every match.
    func exactPage(_ query: TermKeyQuery, minimumScore: Double, limit: Int, offset: Int) async throws -> EntryPage

    /// Prefix mode's page: entries whose normalized or folded term starts with the query's, within the filters.
    /// Relevance order: the preferred language first, key equal to the query first, the normalized spelling first,
    /// shorter term, higher score, more searched, term, `seq`. `total` counts every match.
    func prefixPage(_ query: TermKeyQuery, limit: Int, offset: Int) async throws -> EntryPage

    /// Autocomplete rows in `prefixPage`'s order (up to `limit`, duplicates across languages included), reading only
    /// what a suggestion shows, with each row's normalized term.
    func prefixSuggestions(_ query: TermKeyQuery, limit: Int) async throws -> [(suggestion: TermSuggestion, normalizedTerm: String)]

    /// Up to `limit` distinct terms (one per normalized key, the best-scored spelling) starting with the normalized
    /// or folded key, in any language: best score first, then the key.
    func termsStarting(normalized: String, folded: String, limit: Int) async throws -> [String]

    /// Candidates for a misspelt query (its folded key of at least three scalars): terms within the filters, of a
    /// length within `tolerance` of the key's, sharing enough trigrams with it, in no particular order, at most about
    /// `LexicalQuery.shortlistSize`. `TypoMatch.ranked` checks the edit distance and orders them.
    func typoCandidates(_ query: TermKeyQuery, tolerance: Int) async throws -> [TypoMatch]

    /// The entries of `normalizedTerms` in `lang` (at most one per term: the key is unique per language).
    func entries(normalizedTerms: [String], lang: Language) async throws -> [DictionaryEntry]

    /// The `limit` relations of `entryID` with the highest confidence (ties: related term A→Z, then `seq`).
    func relatedTerms(to entryID: String, limit: Int) async throws -> [RelatedTerm]
}
