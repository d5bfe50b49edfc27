import DictionaryCore
import Foundation

/// The second stage of semantic search: re-orders the vector index's candidates for a description ("something
/// that does not cost a lot of money") with a linear model over `RankingFeature`s, and calibrates each score into
/// the probability that the candidate is the word meant. O(c · (features + gloss words)) for c candidates.
package struct DescriptionRanker: Sendable {
    package var model: DescriptionRankerModel

    package init(model: DescriptionRankerModel) { self.model = model }

    /// One candidate as the vector index returned it, with what was read about it.
    struct Candidate {
        var record: CandidateRecord
        var similarity: Float
        /// Hybrid: the lexical leg's normalized scores (nil when lexical search did not return the entry).
        var lexical: (score: Double, fullText: Double)?
    }

    /// The feature vector of `candidate`, the `rank`-th (0-based) of a list whose best cosine is `bestSimilarity`.
    func features(of candidate: Candidate, rank: Int, bestSimilarity: Float, query: QueryAnalysis) -> [Double] {
        var values = [Double](repeating: 0, count: RankingFeature.allCases.count)
        let record = candidate.record
        values[RankingFeature.cosine.rawValue] = Double(candidate.similarity)
        values[RankingFeature.cosineGap.rawValue] = Double(candidate.similarity - bestSimilarity)
        values[RankingFeature.zipf.rawValue] = min(record.zipf, 5)
        values[RankingFeature.senseFrequency.rawValue] = log1p(Double(record.senseFrequency))
        values[RankingFeature.entryFrequency.rawValue] = log1p(Double(record.totalSenseFrequency))
        values[RankingFeature.senseRank.rawValue] = log1p(Double(record.chunk))
        if let guessed = query.partOfSpeech, let sense = record.partOfSpeech {
            values[RankingFeature.partOfSpeechMatch.rawValue] = sense == guessed ? 1 : 0
            values[RankingFeature.partOfSpeechMismatch.rawValue] = sense == guessed ? 0 : 1
        }
        let termTokens = QueryText.tokens(record.normalizedTerm)
        values[RankingFeature.multiWord.rawValue] = termTokens.count > 1 ? 1 : 0
        if termTokens.count == 1, query.contentStems.contains(LightStemmer.stem(termTokens[0])) {
            values[RankingFeature.sharesQueryStem.rawValue] = 1
        }
        values[RankingFeature.glossOverlap.rawValue] = Self.glossOverlap(record.gloss, query: query)
        values[RankingFeature.senseCount.rawValue] = log(Double(max(record.senseCount, 1)))
        values[RankingFeature.candidateRank.rawValue] = log1p(Double(rank))
        values[RankingFeature.capitalized.rawValue] = record.term.first?.isUppercase == true ? 1 : 0
        values[RankingFeature.specialist.rawValue] = record.type == .general ? 0 : 1
        if let lexical = candidate.lexical {
            values[RankingFeature.lexicalScore.rawValue] = lexical.score
            values[RankingFeature.fullTextScore.rawValue] = lexical.fullText
            values[RankingFeature.specialistLexicalScore.rawValue] = record.type == .general ? 0 : lexical.score
        }
        return values
    }

    /// The linear score of a feature vector; higher is better. With `semanticRatio` r (hybrid), the meaning
    /// features' weights are scaled by 2r and the lexical features' by 2(1 − r): 0.5 is the trained blend, 1 leaves
    /// words out, 0 meaning.
    func score(_ features: [Double], semanticRatio: Double = 0.5) -> Double {
        var total = 0.0
        for feature in RankingFeature.allCases {
            let scale = feature.isLexical ? 2 * (1 - semanticRatio) : 2 * semanticRatio
            total += scale * model.weights[feature.rawValue] * features[feature.rawValue]
        }
        return total
    }

    /// The calibrated probability (0…1) of a score blended at `semanticRatio`: the cross-language calibration for
    /// scores at its ratio, else the trained one.
    func probability(ofScore score: Double, semanticRatio: Double = 0.5) -> Double {
        if usesCrossLanguageCalibration(at: semanticRatio), let crossLanguage = model.crossLanguageCalibration {
            return crossLanguage.probability(ofScore: score)
        }
        return RankerCalibration(semanticRatio: 0.5, slope: model.calibrationSlope, intercept: model.calibrationIntercept)
            .probability(ofScore: score)
    }

    /// Whether scores blended at `semanticRatio` are calibrated by the cross-language calibration.
    func usesCrossLanguageCalibration(at semanticRatio: Double) -> Bool {
        model.crossLanguageCalibration.map { abs($0.semanticRatio - semanticRatio) < 1e-9 } ?? false
    }

    /// Share of the query's content stems found among the stems of the matched sense's gloss.
    static func glossOverlap(_ gloss: String, query: QueryAnalysis) -> Double {
        guard !query.contentStems.isEmpty, !gloss.isEmpty else { return 0 }
        // Lower-casing is enough here: glosses are plain English, and full normalization is the costliest step.
        // A stem is always a prefix of its word, so only gloss words starting with a query stem are stemmed
        // (most are not: stemming every word of ~100 glosses cost about 2 ms a query).
        var found = Set<String>()
        for token in QueryText.tokens(gloss.lowercased())
        where query.contentStems.contains(where: { token.hasPrefix($0) }) && !StopWords.contains(token) {
            let stem = LightStemmer.stem(token)
            if query.contentStems.contains(stem) { found.insert(stem) }
        }
        return Double(found.count) / Double(query.contentStems.count)
    }
}
