/// A WordNet synset type (`ss_type` in wndb(5WN)): `n`, `v`, `a`, `s` (adjective satellite) or `r`.
package enum WordNetPartOfSpeech: String, Sendable, Hashable, CaseIterable {
    case noun = "n"
    case verb = "v"
    case adjective = "a"
    case adjectiveSatellite = "s"
    case adverb = "r"

    /// The part-of-speech name stored in an entry's sense (`noun`, `verb`, `adjective`, `adverb`); satellites are
    /// adjectives for a reader of the dictionary.
    package var senseName: String {
        switch self {
        case .noun: "noun"
        case .verb: "verb"
        case .adjective, .adjectiveSatellite: "adjective"
        case .adverb: "adverb"
        }
    }
}
