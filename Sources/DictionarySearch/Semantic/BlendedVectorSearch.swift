package import DictVectors

/// The exact top-k of two models' blended entry scores (`SemanticCompanion`): an entry scores
/// `(1 − weight) · primary + weight · companion`, each term its best vector's cosine plus prior in that model's
/// index (an entry with vectors of one model only, embedded since the other's last run, counts `missingScore` for
/// the other). The indexes' rows are not aligned (e5 keeps a second, concise vector for single-text entries), so the
/// blend is over entries: each index gives its top `depth` entries, the union gets the other model's score of each
/// (`matches`, no scan), and the result is final when its k-th score reaches the best score an entry outside both
/// lists could have (Fagin's threshold); else both lists are read four times deeper, up to the index's largest `k`.
/// Two scans per round; the first (depth `4k`, at least 256) sufficed for 123 of the 125 blended typed and glossary
/// queries on WordNet.
package enum BlendedVectorSearch {
    /// What an entry without a vector of one model counts for that model: the cosine floor of semantic search.
    package static let missingScore: Float = 0.2

    /// The best `k` entries by blended score among those passing `filters`, best first (ties by entry id), keeping
    /// those whose blended cosine is at least `minSimilarity`; `similarity` and `rankingScore` of each are blended,
    /// its `rowID` and `senseTotals` are the primary model's (the companion's for an entry only it has).
    package static func search(
        primary: any SemanticBackend, query: UnitVector, companion: any SemanticBackend, companionQuery: UnitVector,
        weight: Float, k: Int, filters: SearchFilters, partOfSpeech: PartOfSpeech?, minSimilarity: Float
    ) throws -> [SemanticMatch] {
        var depth = max(4 * k, 256)
        while true {
            let first = try primary.search(query: query, k: depth, filters: filters, partOfSpeech: partOfSpeech, minSimilarity: -.infinity)
            let second = try companion.search(query: companionQuery, k: depth, filters: filters, partOfSpeech: partOfSpeech,
                                              minSimilarity: -.infinity)
            let blended = try merged(first, second, primary: primary, query: query, companion: companion, companionQuery: companionQuery,
                                     weight: weight, partOfSpeech: partOfSpeech)
            // A list shorter than `depth` holds every entry of its model that passes the filters.
            let bound = unseenBound(primaryLast: first.count < depth ? nil : first.last?.score,
                                    companionLast: second.count < depth ? nil : second.last?.score, weight: weight)
            // Deeper, unless the lists are as long as the index answers (100,000 entries each; never reached on
            // WordNet, where about one query in a hundred needs a second read): then the result stands as it is.
            let deeper = min(depth * 4, VectorSearchLimits.kRange.upperBound)
            if let bound, blended.count >= k, blended[k - 1].score < bound, deeper > depth {
                depth = deeper
                continue
            }
            return Array(blended.prefix(k)).filter { $0.similarity >= minSimilarity }
        }
    }

    /// The blended match of each of `entryIDs` (entries with vectors in neither index are absent), in any order:
    /// hybrid's lexical matches the vector top-k did not reach.
    package static func matches(
        primary: any SemanticBackend, query: UnitVector, companion: any SemanticBackend, companionQuery: UnitVector,
        weight: Float, entryIDs: [String], partOfSpeech: PartOfSpeech?
    ) throws -> [SemanticMatch] {
        guard !entryIDs.isEmpty else { return [] }
        let first = try primary.matches(query: query, entryIDs: entryIDs, partOfSpeech: partOfSpeech)
        let second = try companion.matches(query: companionQuery, entryIDs: entryIDs, partOfSpeech: partOfSpeech)
        return combined(first, second, weight: weight)
    }

    /// The highest blended score an entry in neither list can have, given each list's last score (nil: the list is
    /// complete, so an entry outside it has no vector of that model); nil when no entry can be outside both.
    static func unseenBound(primaryLast: Float?, companionLast: Float?, weight: Float) -> Float? {
        var cases: [Float] = []
        if let primaryLast, let companionLast { cases.append((1 - weight) * primaryLast + weight * companionLast) }
        if let primaryLast { cases.append((1 - weight) * primaryLast + weight * missingScore) }
        if let companionLast { cases.append((1 - weight) * missingScore + weight * companionLast) }
        return cases.max()
    }

    /// Both lists' entries with both models' scores (the other model's read by `matches`), blended, best first.
    private static func merged(
        _ first: [SemanticMatch], _ second: [SemanticMatch], primary: any SemanticBackend, query: UnitVector,
        companion: any SemanticBackend, companionQuery: UnitVector, weight: Float, partOfSpeech: PartOfSpeech?
    ) throws -> [SemanticMatch] {
        let inFirst = Set(first.map(\.entryID)), inSecond = Set(second.map(\.entryID))
        let primaryOnly = first.filter { !inSecond.contains($0.entryID) }.map(\.entryID)
        let companionOnly = second.filter { !inFirst.contains($0.entryID) }.map(\.entryID)
        let firstAll = first + (companionOnly.isEmpty ? [] : try primary.matches(query: query, entryIDs: companionOnly, partOfSpeech: partOfSpeech))
        let secondAll = second + (primaryOnly.isEmpty ? []
            : try companion.matches(query: companionQuery, entryIDs: primaryOnly, partOfSpeech: partOfSpeech))
        return combined(firstAll, secondAll, weight: weight)
    }

    /// Each entry of either list once, its two models' scores blended (`missingScore` for a model it lacks), best
    /// first, ties by entry id.
    static func combined(_ first: [SemanticMatch], _ second: [SemanticMatch], weight: Float) -> [SemanticMatch] {
        var companionOf: [String: SemanticMatch] = [:]
        companionOf.reserveCapacity(second.count)
        for match in second { companionOf[match.entryID] = match }
        var blended: [SemanticMatch] = []
        blended.reserveCapacity(max(first.count, second.count))
        for match in first {
            let other = companionOf.removeValue(forKey: match.entryID)
            var result = match
            result.similarity = (1 - weight) * match.similarity + weight * (other?.similarity ?? missingScore)
            result.rankingScore = (1 - weight) * match.score + weight * (other?.score ?? missingScore)
            blended.append(result)
        }
        for match in companionOf.values {
            var result = match
            result.similarity = (1 - weight) * missingScore + weight * match.similarity
            result.rankingScore = (1 - weight) * missingScore + weight * match.score
            blended.append(result)
        }
        return blended.sorted { $0.score != $1.score ? $0.score > $1.score : $0.entryID < $1.entryID }
    }
}
