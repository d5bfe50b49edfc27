// Written by scripts/train-ranker.py; do not edit by hand.
// Trained on the candidate features of: data/eval/everyday-tune.jsonl, data/eval/glossary-crosslingual-tune.jsonl, data/eval/glossary-multilingual-tune.jsonl, data/eval/glossary-tune.jsonl, data/eval/wordnet-queries.jsonl
extension DescriptionRankerModel {
    /// Orders the semantic leg's candidates for multilingual-e5-small (docs/search.md, "How a description is ranked").
    package static let trainedSemanticE5 = DescriptionRankerModel(
        weights: [
            9.668786,  // cosine
            7.023557,  // cosine_gap
            0.178273,  // zipf
            0.593453,  // sense_frequency
            -0.345707,  // entry_frequency
            0.036971,  // sense_rank
            1.447772,  // pos_match
            -0.004768,  // pos_mismatch
            -0.493945,  // multi_word
            -0.740535,  // shares_query_stem
            1.477084,  // gloss_overlap
            0.390285,  // sense_count
            -0.407803,  // candidate_rank
            -0.636575,  // capitalized
            1.749462,  // specialist
            0.000000,  // lexical_score
            0.000000,  // full_text_score
            0.000000,  // specialist_lexical_score
        ],
        calibrationSlope: 0.896127, calibrationIntercept: -8.027714)

    /// Orders hybrid's merged candidates for multilingual-e5-small, lexical features included (trained at semantic ratio 0.5).
    package static let trainedHybridE5 = DescriptionRankerModel(
        weights: [
            8.162181,  // cosine
            6.877100,  // cosine_gap
            0.162703,  // zipf
            0.586759,  // sense_frequency
            -0.352488,  // entry_frequency
            0.113036,  // sense_rank
            1.176252,  // pos_match
            -0.090313,  // pos_mismatch
            -0.750947,  // multi_word
            -0.732169,  // shares_query_stem
            0.526522,  // gloss_overlap
            0.400733,  // sense_count
            -0.451402,  // candidate_rank
            -0.632692,  // capitalized
            1.694785,  // specialist
            0.127404,  // lexical_score
            1.142550,  // full_text_score
            0.859956,  // specialist_lexical_score
        ],
        calibrationSlope: 0.931906, calibrationIntercept: -7.305159)
}
