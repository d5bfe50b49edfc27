import DictVectors
import Foundation

/// The static prior every sense vector carries into the vector scan (see `RowPrior`), and the per-query bonus for
/// the guessed part of speech. It decides which ~100 candidates the ranker sees, so it only needs to be roughly
/// right; `DescriptionRanker` orders them. Weights chosen on the tuning half of the everyday set (docs/search.md):
/// `bias = zipfWeight · min(zipf, zipfCap) − senseRankWeight · ln(1 + chunk) + specialistBonus`, the last only for
/// specialist entries (type other than `general`), whose words are rare in general English yet are what this
/// dictionary is about; bonus `partOfSpeechBonus`.
package struct CandidatePrior: Sendable, Hashable {
    /// Weight of the term's Zipf frequency (a word seen 10× more often gains `zipfWeight`).
    package var zipfWeight: Float = 0.03
    /// Frequencies above this count as this (function-word frequencies say nothing about content words).
    package var zipfCap: Float = 5
    /// Weight of a sense's position in its entry (WordNet lists common senses first).
    package var senseRankWeight: Float = 0.02
    /// Added to senses whose part of speech is the query's guessed one.
    package var partOfSpeechBonus: Float = 0.08
    /// Added to every sense of a specialist entry (`type` other than `general`).
    package var specialistBonus: Float = 0.05

    package init() {}

    /// The prior of one sense vector.
    func rowPrior(chunk: Int, partOfSpeech: PartOfSpeech?, zipf: Double, specialist: Bool) -> RowPrior {
        let bias = zipfWeight * min(Float(zipf), zipfCap) - senseRankWeight * Float(log1p(Double(max(chunk, 0))))
            + (specialist ? specialistBonus : 0)
        return RowPrior(bias: bias, group: partOfSpeech?.rawValue ?? 0)
    }

    /// The per-query boost: the bonus for `partOfSpeech` (none when nil).
    func boost(for partOfSpeech: PartOfSpeech?) -> PriorBoost {
        var bonus = [Float](repeating: 0, count: Int(PartOfSpeech.adverb.rawValue) + 1)
        if let partOfSpeech { bonus[Int(partOfSpeech.rawValue)] = partOfSpeechBonus }
        return PriorBoost(groupBonus: bonus)
    }
}
