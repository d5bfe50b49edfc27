/// The features `DescriptionRanker` scores a semantic candidate on, in the order of its weight vector. Every one
/// is computed from the query, the candidate's best sense vector and its entry (`CandidateSignals`), all cheap.
package enum RankingFeature: Int, CaseIterable, Sendable {
    /// Cosine of the query and the matched sense vector.
    case cosine
    /// That cosine minus the best cosine among all candidates (how far behind the leader).
    case cosineGap
    /// `min(zipf, 5)` of the term: everyday words are what people describe.
    case zipf
    /// `ln(1 + tag count)` of the matched sense.
    case senseFrequency
    /// `ln(1 + sum of the entry's tag counts)`.
    case entryFrequency
    /// `ln(1 + chunk)`: 0 for the entry's first sense.
    case senseRank
    /// 1 when the query's guessed part of speech is the sense's.
    case partOfSpeechMatch
    /// 1 when a part of speech was guessed and the sense has another.
    case partOfSpeechMismatch
    /// 1 for a term of several words.
    case multiWord
    /// 1 when the term shares a stem with a content word of the query ("sleeping" for "… while sleeping").
    case sharesQueryStem
    /// Share of the query's content stems that occur in the matched sense's gloss.
    case glossOverlap
    /// `ln(number of the entry's senses)`.
    case senseCount
    /// `ln(1 + rank)` in the candidate list (by cosine plus prior).
    case candidateRank
    /// 1 when the term starts with a capital letter (a name).
    case capitalized
    /// 1 for a specialist entry (any type but `general`: the music vocabulary this dictionary is about).
    case specialist
    /// Hybrid only: 1 − position / length of the lexical candidate list (0 when lexical search missed it).
    case lexicalScore
    /// Hybrid only: the full-text BM25 score over the query's best (0…1; 0 without a full-text match).
    case fullTextScore
    /// Hybrid only: `lexicalScore` of a specialist entry (words matter more for the music vocabulary).
    case specialistLexicalScore

    /// True for the features lexical search supplies (zero in semantic mode, scaled by `1 − semanticRatio`).
    package var isLexical: Bool { self == .lexicalScore || self == .fullTextScore || self == .specialistLexicalScore }

    /// The name used in feature dumps and the training script.
    package var name: String {
        switch self {
        case .cosine: "cosine"
        case .cosineGap: "cosine_gap"
        case .zipf: "zipf"
        case .senseFrequency: "sense_frequency"
        case .entryFrequency: "entry_frequency"
        case .senseRank: "sense_rank"
        case .partOfSpeechMatch: "pos_match"
        case .partOfSpeechMismatch: "pos_mismatch"
        case .multiWord: "multi_word"
        case .sharesQueryStem: "shares_query_stem"
        case .glossOverlap: "gloss_overlap"
        case .senseCount: "sense_count"
        case .candidateRank: "candidate_rank"
        case .capitalized: "capitalized"
        case .specialist: "specialist"
        case .lexicalScore: "lexical_score"
        case .fullTextScore: "full_text_score"
        case .specialistLexicalScore: "specialist_lexical_score"
        }
    }
}
