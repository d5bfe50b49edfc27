// Written by scripts/train-ranker.py; do not edit by hand.
// Trained on the candidate features of: data/eval/glossary-crosslingual-tune.jsonl, data/eval/glossary-multilingual-tune.jsonl, data/eval/glossary-tune.jsonl
extension DescriptionRankerModel {
    /// Orders the semantic leg's candidates for multilingual-e5-small (docs/search.md, "How a description is ranked").
    public static let trainedSemanticE5 = DescriptionRankerModel(
        weights: [
            13.379443,  // cosine
            6.746135,  // cosine_gap
            -0.100856,  // zipf
            0.000000,  // sense_frequency
            0.000000,  // entry_frequency
            -1.630200,  // sense_rank
            0.000000,  // pos_match
            0.000000,  // pos_mismatch
            -0.228863,  // multi_word
            -4.496135,  // shares_query_stem
            0.140895,  // gloss_overlap
            -0.000207,  // sense_count
            -0.432695,  // candidate_rank
            0.345711,  // capitalized
            -0.238803,  // specialist
            0.000000,  // lexical_score
            0.000000,  // full_text_score
            0.000000,  // specialist_lexical_score
        ],
        calibrationSlope: 0.898540, calibrationIntercept: -6.090309)

    /// Orders hybrid's merged candidates for multilingual-e5-small, lexical features included (trained at semantic ratio 0.5).
    public static let trainedHybridE5 = DescriptionRankerModel(
        weights: [
            12.473074,  // cosine
            6.946069,  // cosine_gap
            -0.098361,  // zipf
            0.000000,  // sense_frequency
            0.000000,  // entry_frequency
            -1.043479,  // sense_rank
            0.000000,  // pos_match
            0.000000,  // pos_mismatch
            -0.366288,  // multi_word
            -4.432312,  // shares_query_stem
            -2.816841,  // gloss_overlap
            -0.000133,  // sense_count
            -0.433823,  // candidate_rank
            0.183780,  // capitalized
            0.003593,  // specialist
            0.929103,  // lexical_score
            2.855458,  // full_text_score
            -1.506721,  // specialist_lexical_score
        ],
        calibrationSlope: 0.922094, calibrationIntercept: -6.433233)
}
