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
    /// `LexicalPlan.shortlistSize`. `TypoMatch.ranked` checks the edit distance and orders them.
    func typoCandidates(_ query: TermKeyQuery, tolerance: Int) async throws -> [TypoMatch]

    /// The entries of `normalizedTerms` in `lang` (at most one per term: the key is unique per language).
    func entries(normalizedTerms: [String], lang: Language) async throws -> [DictionaryEntry]

    /// The `limit` relations of `entryID` with the highest confidence (ties: related term A→Z, then `seq`).
    func relatedTerms(to entryID: String, limit: Int) async throws -> [RelatedTerm]

    // MARK: Lexical search (see `SearchService.lexical` for how the tiers combine)

    /// The exact tier (normalized or folded key equals the query's; the normalized spelling first) or the prefix tier
    /// (a key starts with the query's and equals neither), within the filters; best first by the tier order: shorter
    /// term, higher score, more searched, term, `seq` (exact: the normalized spelling before that).
    func termTier(_ plan: LexicalPlan, tier: MatchTier, limit: Int) async throws -> [LexicalCandidate]

    /// Terms containing the query's folded key but not starting with it (`plan.allowsContains`; three or more
    /// scalars, or a shorter CJK query among the Chinese entries), in the tier order.
    func containsTier(_ plan: LexicalPlan, limit: Int) async throws -> [LexicalCandidate]

    /// The engine's full-text expression of the plan's content words: all of them (`any` false), or any of them
    /// without those found in more than `LexicalPlan.commonWordCutoff` entries while a rarer one remains; the last
    /// word also as a prefix. Nil when the query has no words.
    func fullTextExpression(_ plan: LexicalPlan, any: Bool) async throws -> FullTextExpression?

    /// Full-text matches of `expression` within the filters, best first (term weighted ×10, synonyms ×4, definition
    /// text ×1), each with its rank in `bm25` (lower is better).
    func fullTextTier(_ plan: LexicalPlan, expression: FullTextExpression, limit: Int) async throws -> [LexicalCandidate]

    /// How many entries match in any tier, each side counted up to `cap`: term-key matches, plus full-text matches of
    /// `expression` whose term does not match, plus `fuzzyCount`; at most `cap`.
    func lexicalTotal(_ plan: LexicalPlan, expression: FullTextExpression?, fuzzyCount: Int, cap: Int) async throws -> Int

    /// Every match (term key, full text, or one of `extra`'s seqs) within the filters in `order`, with its total.
    func lexicalPage(_ plan: LexicalPlan, expression: FullTextExpression?, extra: [Int64], order: LexicalOrder) async throws -> EntryPage

    /// Per-value counts of `facets` over the matches `lexicalPage` pages through, reading at most `cap` of them.
    func lexicalFacets(_ plan: LexicalPlan, facets: [SearchFacet], expression: FullTextExpression?, extra: [Int64], cap: Int)
        async throws -> [SearchFacet: [String: Int]]

    /// Browsing (an empty query): the entries within `filters` in `order` (ties by key, language, `seq`), with the
    /// total and the requested facets, both counted up to `order.cap`.
    func browse(_ filters: SearchFilters, order: LexicalOrder, facets: [SearchFacet]) async throws
        -> (page: EntryPage, facets: [SearchFacet: [String: Int]]?)

    /// The entries of `seqs` (vanished ones absent), keyed by `seq`.
    func entries(seqs: [Int64]) async throws -> [Int64: DictionaryEntry]

    // MARK: Semantic and hybrid search (the vector top-k comes from the index; these read what ranks and pages it)

    /// The entries of `ids` (vanished ones absent), keyed by id.
    func entries(ids: [String]) async throws -> [String: DictionaryEntry]

    /// The language of each of `ids` (vanished entries absent).
    func languages(ids: [String]) async throws -> [String: Language]

    /// Per-value counts of `facets` over the entries of `ids` (distinct ids; vanished ones not counted).
    func facetCounts(_ facets: [SearchFacet], ids: [String]) async throws -> [SearchFacet: [String: Int]]

    /// How many of `tokens` (normalized words; a repeat counts each time) occur in the full-text documents (terms,
    /// synonyms, definition text), accents folded: the semantic leg's "does the dictionary know these words" gate.
    func knownWordCount(of tokens: [String]) async throws -> Int

    /// What the ranker reads about each match, keyed by entry id: from its matched vector when the match names one
    /// (sense, part of speech, frequency, gloss: the vector's own, else `definition.senses[chunk].gloss`, then
    /// `concise`, then `detailed`), else from the entry as its first sense. Sense totals from the match when it
    /// carries them, else summed over the entry's vectors of the same model. Vanished rows or entries are absent.
    func candidateRecords(for matches: [SemanticMatch]) async throws -> [String: CandidateRecord]

    /// For each of `sourceIDs` with a translation key (an English entry's normalized term, another language's
    /// normalized `metadata.translation_of`), the other entries with the same key that pass `filters`, in id order.
    /// Empty when `filters` names no language.
    func translations(of sourceIDs: [String], passing filters: SearchFilters) async throws -> [String: [String]]

    /// Whether the dictionary holds any entry, and any vector (of any model).
    func vectorPresence() async throws -> (anyEntry: Bool, anyVector: Bool)

    /// How many entries have no vector of any model.
    func entriesWithoutVectors() async throws -> Int
}
