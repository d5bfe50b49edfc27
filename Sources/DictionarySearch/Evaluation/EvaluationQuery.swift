/// One held-out query: what a user might type and the English terms a correct answer names.
package struct EvaluationQuery: Decodable, Sendable, Hashable {
    package var query: String
    package var expected: [String]
    /// The language the query is written in (informative, unless `resultsLang` is set).
    package var lang: String?
    /// `paraphrase`, `typo`, `multilingual`, `cross-lingual` or a part of speech (WordNet set).
    package var kind: String?
    package var pos: String?
    /// Cross-language queries: only results in this language count (the search is filtered to it), and `lang`
    /// is passed as the query's language (`SearchRequest.queryLanguage`; without `lang`, unstated). Nil: every
    /// language, no query language.
    package var resultsLang: String?

    enum CodingKeys: String, CodingKey {
        case query, expected, lang, kind, pos
        case resultsLang = "results_lang"
    }
}
