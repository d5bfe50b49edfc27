/// A term a typo-tolerant lookup read as a candidate for a misspelt query, with what ranks it. Both engines' stores
/// fetch candidates their own way (SQLite: FTS5 trigram postings; PostgreSQL: pg_trgm) and rank them here, so a
/// candidate found by both is accepted and ordered the same.
package struct TypoMatch: Sendable, Hashable {
    package var seq: Int64
    package var lang: String
    package var entryID: String
    package var term: String
    package var normalizedTerm: String
    package var foldedTerm: String
    package var overallScore: Double
    /// Zipf frequency of the normalized term in its language (0 when unknown).
    package var zipf: Double

    package init(seq: Int64, lang: String, entryID: String, term: String, normalizedTerm: String, foldedTerm: String,
                 overallScore: Double, zipf: Double) {
        self.seq = seq; self.lang = lang; self.entryID = entryID; self.term = term; self.normalizedTerm = normalizedTerm
        self.foldedTerm = foldedTerm; self.overallScore = overallScore; self.zipf = zipf
    }

    /// The candidates within `tolerance` edits of `query` (folded scalars), the likeliest slip first (`TypoCost`),
    /// then the more frequent word, then quality, then term and seq (a total order: equal inputs, equal output).
    package static func ranked(_ candidates: [TypoMatch], query: [Unicode.Scalar], tolerance: Int) -> [TypoMatch] {
        var kept: [(match: TypoMatch, cost: Int)] = []
        for candidate in candidates {
            let scalars = Array(candidate.foldedTerm.unicodeScalars)
            guard EditDistance.distance(query, scalars, limit: tolerance) != nil else { continue }
            kept.append((candidate, TypoCost.halfEdits(from: query, to: scalars)))
        }
        kept.sort { lhs, rhs in
            if lhs.cost != rhs.cost { return lhs.cost < rhs.cost }
            if lhs.match.zipf != rhs.match.zipf { return lhs.match.zipf > rhs.match.zipf }
            if lhs.match.overallScore != rhs.match.overallScore { return lhs.match.overallScore > rhs.match.overallScore }
            return (lhs.match.foldedTerm, lhs.match.seq) < (rhs.match.foldedTerm, rhs.match.seq)
        }
        return kept.map(\.match)
    }

    /// Up to `limit` distinct terms (by normalized key) of ranked matches, in their order: spelling suggestions.
    package static func distinctTerms(_ ranked: [TypoMatch], limit: Int) -> [String] {
        var seen = Set<String>()
        var terms: [String] = []
        for match in ranked where terms.count < limit && seen.insert(match.normalizedTerm).inserted { terms.append(match.term) }
        return terms
    }
}
