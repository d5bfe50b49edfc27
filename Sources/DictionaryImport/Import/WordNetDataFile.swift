/// One of the four WordNet 3.0 data files (`data.noun`, `data.verb`, `data.adj`, `data.adv`).
///
/// Synset offsets are byte offsets inside one data file, so a synset is identified by its file plus its offset;
/// adjective satellites (`s`) live in `data.adj` together with head adjectives (`a`).
package enum WordNetDataFile: String, Sendable, CaseIterable, Hashable, Comparable {
    case noun
    case verb
    case adjective = "adj"
    case adverb = "adv"

    /// The file name inside the WordNet dictionary directory, e.g. `data.noun`.
    package var dataFileName: String { "data.\(rawValue)" }

    /// The matching index file name, e.g. `index.noun`; it lists each lemma's synsets in sense-rank order.
    package var indexFileName: String { "index.\(rawValue)" }

    /// The file a pointer's part-of-speech letter refers to (`s` satellites live in `data.adj`).
    package init(partOfSpeech: WordNetPartOfSpeech) {
        switch partOfSpeech {
        case .noun: self = .noun
        case .verb: self = .verb
        case .adjective, .adjectiveSatellite: self = .adjective
        case .adverb: self = .adverb
        }
    }

    /// Order used for a lemma's senses: nouns, verbs, adjectives, adverbs (the order of `CaseIterable`).
    package static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.sortIndex < rhs.sortIndex
    }

    private var sortIndex: Int {
        switch self {
        case .noun: 0
        case .verb: 1
        case .adjective: 2
        case .adverb: 3
        }
    }
}
