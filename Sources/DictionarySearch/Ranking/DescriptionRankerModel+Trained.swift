// Written by scripts/train-ranker.py; do not edit by hand.
// Trained on the candidate features of: data/eval/everyday-tune.jsonl, data/eval/glossary-tune.jsonl, data/eval/wordnet-queries.jsonl
extension DescriptionRankerModel {
    /// Orders the semantic leg's candidates (docs/search.md, "How a description is ranked").
    package static let trainedSemantic = DescriptionRankerModel(
        weights: [
            4.729236,  // cosine
            4.741295,  // cosine_gap
            0.342706,  // zipf
            0.332651,  // sense_frequency
            -0.179144,  // entry_frequency
            -0.242600,  // sense_rank
            -1.532638,  // pos_match
            -3.346622,  // pos_mismatch
            -0.153107,  // multi_word
            -0.663241,  // shares_query_stem
            2.182198,  // gloss_overlap
            0.198258,  // sense_count
            -0.496250,  // candidate_rank
            -0.468797,  // capitalized
            1.654036,  // specialist
            0.000000,  // lexical_score
            0.000000,  // full_text_score
            0.000000,  // specialist_lexical_score
        ],
        calibrationSlope: 0.769437, calibrationIntercept: -4.812338)

    /// Orders hybrid's merged candidates, lexical features included (trained at semantic ratio 0.5).
    package static let trainedHybrid = DescriptionRankerModel(
        weights: [
            4.553771,  // cosine
            4.382021,  // cosine_gap
            0.334357,  // zipf
            0.354779,  // sense_frequency
            -0.153565,  // entry_frequency
            -0.182698,  // sense_rank
            -2.000767,  // pos_match
            -3.700015,  // pos_mismatch
            -0.890688,  // multi_word
            -0.859019,  // shares_query_stem
            1.115331,  // gloss_overlap
            0.278167,  // sense_count
            -0.441297,  // candidate_rank
            -0.581305,  // capitalized
            1.186804,  // specialist
            -0.315005,  // lexical_score
            1.066380,  // full_text_score
            2.669259,  // specialist_lexical_score
        ],
        calibrationSlope: 0.756206, calibrationIntercept: -4.727632)
}
