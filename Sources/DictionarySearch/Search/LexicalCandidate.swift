/// One lexical match before its entry is read: the entry's internal `seq`, language and id, the tier it matched
/// in and, for full-text matches, its rank (lower is better, as FTS5 reports BM25; PostgreSQL's store reports
/// minus `ts_rank`).
package struct LexicalCandidate: Sendable, Hashable {
    package var seq: Int64
    package var lang: String
    package var entryID: String
    package var tier: MatchTier
    package var bm25: Double?

    package init(seq: Int64, lang: String, entryID: String, tier: MatchTier, bm25: Double?) {
        self.seq = seq; self.lang = lang; self.entryID = entryID; self.tier = tier; self.bm25 = bm25
    }
}
