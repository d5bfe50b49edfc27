// Written by scripts/train-ranker.py; do not edit by hand.
// Trained on the candidate features of: data/eval/everyday-tune.jsonl, data/eval/glossary-crosslingual-tune.jsonl, data/eval/glossary-multilingual-tune.jsonl, data/eval/glossary-tune.jsonl, data/eval/wordnet-queries.jsonl
extension DescriptionRankerModel {
    /// Orders the semantic leg's candidates for multilingual-e5-small (docs/search.md, "How a description is ranked").
    package static let trainedSemanticE5 = DescriptionRankerModel(
        weights: [
            11.396534,  // cosine
            7.649634,  // cosine_gap
            0.184529,  // zipf
            0.574541,  // sense_frequency
            -0.297414,  // entry_frequency
            -0.061779,  // sense_rank
            0.984641,  // pos_match
            -0.538079,  // pos_mismatch
            -0.379983,  // multi_word
            -0.811503,  // shares_query_stem
            1.321854,  // gloss_overlap
            0.541907,  // sense_count
            -0.314432,  // candidate_rank
            -0.187888,  // capitalized
            1.191989,  // specialist
            0.000000,  // lexical_score
            0.000000,  // full_text_score
            0.000000,  // specialist_lexical_score
        ],
        calibrationSlope: 0.893231, calibrationIntercept: -8.821102)

    /// Orders hybrid's merged candidates for multilingual-e5-small, lexical features included (trained at semantic ratio 0.5).
    package static let trainedHybridE5 = DescriptionRankerModel(
        weights: [
            9.481641,  // cosine
            7.463281,  // cosine_gap
            0.151926,  // zipf
            0.568818,  // sense_frequency
            -0.305574,  // entry_frequency
            0.029600,  // sense_rank
            0.743347,  // pos_match
            -0.547371,  // pos_mismatch
            -0.601963,  // multi_word
            -0.793381,  // shares_query_stem
            0.431546,  // gloss_overlap
            0.560009,  // sense_count
            -0.380524,  // candidate_rank
            -0.189403,  // capitalized
            1.146028,  // specialist
            0.106998,  // lexical_score
            1.111367,  // full_text_score
            0.854746,  // specialist_lexical_score
        ],
        calibrationSlope: 0.932535, calibrationIntercept: -7.880532,
        crossLanguageCalibration: RankerCalibration(semanticRatio: 0.85, slope: 0.906262, intercept: -12.453751))
}
