import DictStore
package import DictionaryCore
import Foundation

/// Turns a `WordNetLexicon` into English dictionary entries in one transaction: lemma → term; each synset the
/// lemma belongs to → a sense in `definition.senses` (part of speech, gloss, examples), the first sense also
/// `definition.concise`; synonyms, antonyms and related lemmas → `metadata` and `related_terms` rows; music-domain
/// lemmas get the music type WordNet's hierarchy suggests, the rest `general`. An existing entry with the same
/// `(normalized_term, 'en')` (for example from the bundled glossary) is kept by default.
package struct WordNetImporter: Sendable {
    /// What an import did.
    package struct Report: Sendable, Hashable {
        package var lemmas = 0
        package var stored = 0
        package var musicDomain = 0
        package var relationsCreated = 0
        package var unresolvedNames = 0
    }

    /// Where the entries go: SQLite (`SQLiteEntryImportStore`) or PostgreSQL (`PostgresEntryImportStore`).
    package let store: any EntryImportStore

    package init(store: any EntryImportStore) { self.store = store }

    /// Imports into the SQLite database behind `repository`.
    package init(repository: EntryRepository) { self.store = SQLiteEntryImportStore(repository: repository) }

    /// WordNet 3.0 is a curated lexicon: its entries rank above unreviewed generated text but below our glossary.
    package static let qualityScore = 80.0

    /// The entry draft for one lemma.
    package static func draft(for lemma: WordNetLemma) -> EntryDraft {
        var definition = EntryDefinition()
        definition.concise = String(lemma.conciseDefinition.prefix(1_000))
        definition.senses = lemma.senses.map { sense in
            EntryDefinition.Sense(pos: sense.partOfSpeech.senseName, gloss: sense.definition, examples: sense.examples,
                                  frequency: sense.tagCount)
        }
        var metadata = EntryMetadata(
            relatedTerms: lemma.relatedTerms.isEmpty ? nil : Array(lemma.relatedTerms.prefix(30)),
            categories: Array(Set(lemma.senses.map(\.lexicographerFile))).sorted(),
            synonyms: lemma.synonyms.isEmpty ? nil : Array(lemma.synonyms.prefix(30)),
            antonyms: lemma.antonyms.isEmpty ? nil : lemma.antonyms)
        metadata.createdBy = "wordnet-3.0"
        var quality = QualityScore(overall: qualityScore)
        quality.humanVerified = true
        quality.confidenceLevel = "high"
        return EntryDraft(
            term: lemma.term, lang: .en, type: TermType(rawValue: lemma.suggestedCategory.rawValue) ?? .general,
            definition: definition, metadata: metadata, qualityScore: quality)
    }

    /// Imports every lemma of `lexicon`; all or nothing.
    package func importLexicon(_ lexicon: WordNetLexicon, onExisting policy: EntryRepository.ExistingEntryPolicy = .skip) async throws -> Report {
        var report = Report()
        let drafts = lexicon.lemmas.map(Self.draft(for:))
        report.lemmas = drafts.count
        report.musicDomain = lexicon.lemmas.filter(\.isMusicDomain).count
        let outcome = try await store.importEntries(drafts, onExisting: policy)
        report.stored = outcome.changes.count
        report.relationsCreated = outcome.relationsCreated
        report.unresolvedNames = outcome.unresolvedNames
        return report
    }
}
