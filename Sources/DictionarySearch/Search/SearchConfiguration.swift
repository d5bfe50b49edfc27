import DictionaryCore
/// Tunables of `SearchService`, with documented defaults.
package struct SearchConfiguration: Sendable {
    /// Semantic candidates below this cosine similarity are dropped before ranking. all-MiniLM-L6-v2 similarities
    /// run far lower than the original's BGE model (its 0.7 would drop nearly every good match); random English
    /// pairs score about 0.0–0.15 with this model, so 0.2 only removes unrelated text (chosen on the glossary
    /// queries in November 2026, before the ranker; the ranker's `minScore` is the floor that matters now).
    package var minSimilarity: Float = 0.2
    /// Candidates each leg contributes to hybrid, and the semantic candidates the ranker re-orders.
    package var candidateCount: Int = 100
    /// Hybrid's default blend of meaning and words (`SearchRequest.semanticRatio`): 0.5 is the blend the hybrid
    /// ranker was trained at.
    package var semanticRatio: Double = 0.5
    /// Hybrid's default blend for a query searched across languages with a multilingual model (its stated language
    /// not among the results'): a German description shares few words with English definitions, so its lexical
    /// matches are mostly loanwords. On the tuning half of the multilingual descriptions 0.85 found more at @1 and
    /// @10 than 0.5, 0.7 or 1.0 on both the glossary and the WordNet directories.
    package var crossLanguageSemanticRatio: Double = 0.85
    /// The English companion's share of an English query's semantic score (`SemanticCompanion`), both models on
    /// MiniLM's scale. Chosen on the tuning halves (docs/search.md, "English companion").
    package var companionWeight: Float = 0.5
    /// Default floor on semantic and hybrid scores (`SearchRequest.minScore`): hits the ranker gives a lower
    /// probability of being the word meant are dropped, so nonsense returns nothing rather than noise.
    package var minScore: Double = 0.002
    /// The floor instead of `minScore` for probabilities of the cross-language calibration
    /// (`DescriptionRankerModel.crossLanguageCalibration`), which gives the right word's runners-up at ranks 10 to
    /// 100 lower probabilities than the one fitted at 0.5: at 0.002 it dropped a tenth of the answers from the top 100
    /// of the multilingual descriptions' tuning half (WordNet directory @100 0.934 → 0.839); 0.0001 keeps them
    /// (0.0005: 0.876, 0.0002: 0.920).
    package var crossLanguageMinScore: Double = 0.0001
    /// The semantic leg runs only when at least this share of the query's words occur in the dictionary's own text
    /// ("zzzqqq" does not); otherwise lexical matching (typo tolerant) answers alone, with a note.
    package var minKnownWordShare: Double = 0.5
    /// The vector scan's prior (which candidates the ranker sees).
    package var candidatePrior = CandidatePrior()
    /// The second stage that orders semantic candidates, and the one that orders hybrid's merged candidates.
    package var ranker = DescriptionRanker(model: .trainedSemantic)
    package var hybridRanker = DescriptionRanker(model: .trainedHybrid)
    /// The two rankers for query embedders of other models, by model name (`ranker`/`hybridRanker` otherwise):
    /// each model's cosines and neighbours differ, so each gets rankers trained on its own candidates.
    /// A blend of a model and its English companion has its own (`SemanticCompanion.blendName`).
    package var rankersByModel: [String: ModelRankers] = [
        SemanticModel.multilingualE5.rawValue: ModelRankers(semantic: DescriptionRanker(model: .trainedSemanticE5),
                                                           hybrid: DescriptionRanker(model: .trainedHybridE5)),
        SemanticCompanion.blendName(SemanticModel.multilingualE5.rawValue, SemanticModel.miniLM.rawValue):
            ModelRankers(semantic: DescriptionRanker(model: .trainedSemanticE5Blend), hybrid: DescriptionRanker(model: .trainedHybridE5Blend)),
    ]

    /// The semantic and hybrid rankers trained for one embedding model.
    package struct ModelRankers: Sendable {
        package var semantic: DescriptionRanker
        package var hybrid: DescriptionRanker
        package init(semantic: DescriptionRanker, hybrid: DescriptionRanker) { self.semantic = semantic; self.hybrid = hybrid }
    }

    /// The semantic ranker for a query embedder of `model`.
    package func semanticRanker(for model: String?) -> DescriptionRanker { model.flatMap { rankersByModel[$0]?.semantic } ?? ranker }
    /// The hybrid ranker for a query embedder of `model`.
    package func hybridRanker(for model: String?) -> DescriptionRanker { model.flatMap { rankersByModel[$0]?.hybrid } ?? hybridRanker }
    /// Hybrid skips the semantic leg when at least this fraction of the query's letters are CJK: the bundled
    /// model maps nearly all ideographs to [UNK], so its vectors would only add noise.
    package var cjkSkipFraction: Double = 0.5
    /// Leave Chinese entries out of the semantic leg of non-Chinese queries that do not filter by language (their
    /// vectors are near-identical with the bundled model; see `SearchService.semanticFilters`).
    package var excludeChineseFromSemantic: Bool = true
    /// Longest accepted query, in characters.
    package var maxQueryLength: Int = 500
    /// Exact mode hides entries scoring below this (the original's hidden rule was 60; we default to 0 so an
    /// entry is never invisible to lookups yet blocks creation; use `filters.minQuality` to filter explicitly).
    package var exactMinimumScore: Double = 0

    package init() {}

    /// The default floor for scores `ranker` blends at `semanticRatio`.
    func defaultMinScore(ranker: DescriptionRanker, semanticRatio: Double) -> Double {
        ranker.usesCrossLanguageCalibration(at: semanticRatio) ? crossLanguageMinScore : minScore
    }
}
