// Written by scripts/train-ranker.py; do not edit by hand.
// Trained on the candidate features of: data/eval/everyday-tune.jsonl, data/eval/glossary-tune.jsonl, data/eval/wordnet-queries.jsonl
extension DescriptionRankerModel {
    /// Orders the semantic leg's candidates for multilingual-e5-small+all-MiniLM-L6-v2 (docs/search.md, "How a description is ranked").
    package static let trainedSemanticE5Blend = DescriptionRankerModel(
        weights: [
            6.827628,  // cosine
            5.257546,  // cosine_gap
            0.048682,  // zipf
            0.481031,  // sense_frequency
            -0.267324,  // entry_frequency
            -0.020525,  // sense_rank
            -1.017800,  // pos_match
            -2.092651,  // pos_mismatch
            -0.904731,  // multi_word
            -1.111633,  // shares_query_stem
            0.912756,  // gloss_overlap
            0.481063,  // sense_count
            -0.614790,  // candidate_rank
            -0.505104,  // capitalized
            1.271627,  // specialist
            0.000000,  // lexical_score
            0.000000,  // full_text_score
            0.000000,  // specialist_lexical_score
        ],
        calibrationSlope: 0.891537, calibrationIntercept: -4.600329)

    /// Orders hybrid's merged candidates for multilingual-e5-small+all-MiniLM-L6-v2, lexical features included (trained at semantic ratio 0.5).
    package static let trainedHybridE5Blend = DescriptionRankerModel(
        weights: [
            6.285912,  // cosine
            5.546689,  // cosine_gap
            0.091192,  // zipf
            0.455572,  // sense_frequency
            -0.293956,  // entry_frequency
            0.000999,  // sense_rank
            -1.137767,  // pos_match
            -2.099305,  // pos_mismatch
            -1.106520,  // multi_word
            -1.184239,  // shares_query_stem
            0.460787,  // gloss_overlap
            0.433007,  // sense_count
            -0.679066,  // candidate_rank
            -0.628055,  // capitalized
            0.999977,  // specialist
            0.210857,  // lexical_score
            1.080651,  // full_text_score
            4.048990,  // specialist_lexical_score
        ],
        calibrationSlope: 0.734542, calibrationIntercept: -4.208986)
}
