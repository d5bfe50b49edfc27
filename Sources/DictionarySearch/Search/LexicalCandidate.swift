/// One lexical match before its entry is read: the entry's internal `seq`, language and id, the tier it matched
/// in and, for full-text matches, its BM25 rank (lower is better, as FTS5 reports it).
struct LexicalCandidate: Sendable, Hashable {
    var seq: Int64
    var lang: String
    var entryID: String
    var tier: MatchTier
    var bm25: Double?
}
