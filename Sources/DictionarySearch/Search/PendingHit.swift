import DictionaryCore
/// A ranked result before its entry is read: semantic and hybrid rank many candidates but decode only the entries
/// of the page they return.
struct PendingHit: Sendable {
    var entryID: String
    var score: Double
    var tier: MatchTier?
    var similarity: Float?
    var lexicalRank: Int?
    var semanticRank: Int?
    var explanation: SearchExplanation?

    func hit(with entry: DictionaryEntry) -> SearchHit {
        SearchHit(entry: entry, score: score, tier: tier, similarity: similarity, lexicalRank: lexicalRank,
                  semanticRank: semanticRank, explanation: explanation)
    }
}
