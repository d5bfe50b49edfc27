package import DictionaryCore
package import DictionarySearch

/// One search hit as both `dict search --json` and `GET /api/v1/search` print it: the full entry (so the web client
/// can validate it as an entry) with the hit's `score`, and `tier`, `similarity`, `lexical_rank`, `semantic_rank`
/// and `explanation` when the mode produced them, and `highlight` when asked. One type, so the CLI and HTTP items
/// cannot drift apart.
package struct SearchResultItem: Encodable, Sendable {
    /// `highlight`: the term and a definition fragment, HTML-escaped, matches in `<mark>…</mark>`.
    package struct Highlight: Encodable, Sendable {
        /// The term, HTML-escaped, matches in `<mark>`.
        package let term: String
        /// A definition fragment of at most `SearchHighlighter.fragmentLength` characters, HTML-escaped, matches in `<mark>`.
        package let definition: String

        /// The `<mark>` form of `highlight`.
        package init(_ highlight: EntryHighlight) {
            term = highlight.term.html
            definition = highlight.definition.html
        }
    }


    package let entry: DictionaryEntry
    package let score: Double
    package let tier: String?
    package let similarity: Float?
    package let lexicalRank: Int?
    package let semanticRank: Int?
    package let explanation: SearchExplanation?
    /// With a highlighter (`highlight=true`, `--highlight`): the marked term and definition fragment.
    package let highlight: Highlight?

    enum CodingKeys: String, CodingKey {
        case score, tier, similarity, explanation, highlight
        case lexicalRank = "lexical_rank"
        case semanticRank = "semantic_rank"
    }

    package init(_ hit: SearchHit) {
        self.init(hit, highlighter: nil)
    }

    /// The item, with `highlight` when a highlighter is given.
    package init(_ hit: SearchHit, highlighter: SearchHighlighter?) {
        entry = hit.entry
        score = hit.score
        tier = hit.tier.map(Self.tierName)
        similarity = hit.similarity
        lexicalRank = hit.lexicalRank
        semanticRank = hit.semanticRank
        explanation = hit.explanation
        highlight = highlighter.map { Highlight($0.highlight(hit.entry)) }
    }

    /// The entry's keys and the hit's keys in one object.
    package func encode(to encoder: any Encoder) throws {
        try entry.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(score, forKey: .score)
        try container.encodeIfPresent(tier, forKey: .tier)
        try container.encodeIfPresent(similarity, forKey: .similarity)
        try container.encodeIfPresent(lexicalRank, forKey: .lexicalRank)
        try container.encodeIfPresent(semanticRank, forKey: .semanticRank)
        try container.encodeIfPresent(explanation, forKey: .explanation)
        try container.encodeIfPresent(highlight, forKey: .highlight)
    }

    /// The tier's wire name.
    package static func tierName(_ tier: MatchTier) -> String {
        switch tier {
        case .exact: "exact"
        case .prefix: "prefix"
        case .fuzzy: "fuzzy"
        case .contains: "contains"
        case .other: "other"
        }
    }
}
