/// Puts one model's cosines on the scale the rest of semantic search was tuned on (all-MiniLM-L6-v2's): the scan
/// prior's weights, the ranker's cosine features and `minSimilarity` all assume MiniLM's spread, where a query's
/// cosine to unrelated English definitions averages about 0.13 with a standard deviation of about 0.10.
/// multilingual-e5-small packs every text into a narrow cone (mean 0.79, deviation 0.022 on the same queries), so
/// its raw cosines would leave the prior (up to 0.2) deciding the order. The map is affine, so it keeps each
/// model's own order: `calibrated = referenceMean + scale · (cosine − mean)`.
package struct SimilarityScale: Sendable, Hashable {
    /// The model's mean cosine between a query and unrelated definitions.
    package var mean: Float
    /// MiniLM's standard deviation over the model's.
    package var scale: Float
    /// MiniLM's mean on the same pairs.
    package var referenceMean: Float

    /// Creates a value from its parts.
    package init(mean: Float, scale: Float, referenceMean: Float) {
        self.mean = mean; self.scale = scale; self.referenceMean = referenceMean
    }

    /// MiniLM itself: cosines unchanged.
    package static let identity = SimilarityScale(mean: 0, scale: 1, referenceMean: 0)

    /// multilingual-e5-small, measured on the English queries of `data/eval/glossary-tune.jsonl` against the 408
    /// English glossary definitions (a tuning set; the "passage: " vectors `dict embed` writes): e5 mean 0.789,
    /// deviation 0.0222; MiniLM mean 0.134, deviation 0.104 → scale 4.7. The best match's mean cosine then maps
    /// to 0.48 (MiniLM's own: 0.51).
    package static let multilingualE5 = SimilarityScale(mean: 0.789, scale: 4.7, referenceMean: 0.134)

    /// The cosine on MiniLM's scale.
    package func calibrated(_ cosine: Float) -> Float { referenceMean + scale * (cosine - mean) }

    /// `prior` with every weight divided by `scale`: ranking by `cosine + prior / scale` orders candidates as
    /// `calibrated(cosine) + prior` does, so the scan itself need not change.
    package func scanPrior(_ prior: CandidatePrior) -> CandidatePrior {
        guard scale != 1 else { return prior }
        var scaled = prior
        scaled.zipfWeight /= scale
        scaled.senseRankWeight /= scale
        scaled.partOfSpeechBonus /= scale
        scaled.specialistBonus /= scale
        return scaled
    }
}
