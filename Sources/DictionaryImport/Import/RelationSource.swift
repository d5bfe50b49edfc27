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
}
