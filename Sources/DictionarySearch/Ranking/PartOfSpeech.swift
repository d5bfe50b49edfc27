/// The part of speech of a sense, as `term_embeddings.part_of_speech` and `definition.senses[].pos` spell it.
/// The raw values double as the vector index's prior group codes (0 = unknown).
package enum PartOfSpeech: UInt8, Sendable, CaseIterable, Hashable {
    case noun = 1
    case verb = 2
    case adjective = 3
    case adverb = 4

    /// The stored spelling (`noun`, `verb`, `adjective`, `adverb`).
    package var name: String {
        switch self {
        case .noun: "noun"
        case .verb: "verb"
        case .adjective: "adjective"
        case .adverb: "adverb"
        }
    }

    /// Parses a stored spelling; nil for anything else.
    package init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }
}
