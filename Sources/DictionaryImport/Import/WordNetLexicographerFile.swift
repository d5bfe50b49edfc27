/// The fixed table of WordNet 3.0 lexicographer files (lexnames(5WN)): `lex_filenum` 0…44 in the data files.
package enum WordNetLexicographerFile {
    /// Names indexed by file number, e.g. `names[6] == "noun.artifact"`.
    package static let names: [String] = [
        "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact", "noun.attribute",
        "noun.body", "noun.cognition", "noun.communication", "noun.event", "noun.feeling", "noun.food", "noun.group",
        "noun.location", "noun.motive", "noun.object", "noun.person", "noun.phenomenon", "noun.plant",
        "noun.possession", "noun.process", "noun.quantity", "noun.relation", "noun.shape", "noun.state",
        "noun.substance", "noun.time", "verb.body", "verb.change", "verb.cognition", "verb.communication",
        "verb.competition", "verb.consumption", "verb.contact", "verb.creation", "verb.emotion", "verb.motion",
        "verb.perception", "verb.possession", "verb.social", "verb.stative", "verb.weather", "adj.ppl",
    ]

    /// The name for a file number, or nil when the number is outside 0…44.
    package static func name(forNumber number: Int) -> String? {
        names.indices.contains(number) ? names[number] : nil
    }
}
