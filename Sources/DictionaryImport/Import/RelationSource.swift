import DictionaryCore
/// What `GlossaryImporter.linkRelations` reads of an imported entry: its id, language and the names its metadata
/// relates it to (synonyms, antonyms, related terms, the term it translates).
struct RelationSource {
    let id: String
    let lang: Language
    let metadata: EntryMetadata

    init(id: String, lang: Language, metadata: EntryMetadata) {
        self.id = id
        self.lang = lang
        self.metadata = metadata
    }

    init(_ entry: DictionaryEntry) {
        self.init(id: entry.id, lang: entry.lang, metadata: entry.metadata)
    }

    /// The links this entry's metadata asks for, in order: synonyms and antonyms (0.9), the author's related terms
    /// in their order (0.8 down to 0.71), then the term it translates (`see_also` both ways, 0.7). Confidence orders
    /// what readers show first, so translations do not crowd out the rest.
    var wantedLinks: [RelationLink] {
        var wanted: [RelationLink] = []
        for name in metadata.synonyms ?? [] { wanted.append(RelationLink(name: name, lang: lang.rawValue, type: "synonym", confidence: 0.9)) }
        for name in metadata.antonyms ?? [] { wanted.append(RelationLink(name: name, lang: lang.rawValue, type: "antonym", confidence: 0.9)) }
        for (index, name) in (metadata.relatedTerms ?? []).enumerated() {
            wanted.append(RelationLink(name: name, lang: lang.rawValue, type: "related", confidence: max(0.71, 0.8 - 0.01 * Double(index))))
        }
        if let original = metadata.translationOf {
            wanted.append(RelationLink(name: original, lang: "en", type: "see_also", confidence: 0.7, bothWays: true))
        }
        return wanted
    }
}
