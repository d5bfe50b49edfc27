import DictStore
package import DictionaryCore
package import DictionaryQueues
import Foundation
package import GRDB

/// The production `GeneratedEntrySink`: stores generated entries through `EntryRepository` (validation, keys,
/// embedding-queue rows for the repository's models) inside the seed processor's transaction. An entry that already
/// exists for the same normalized term and language is kept, never overwritten.
///
/// `EntryChangeObserver`s are not notified for these inserts (the repository notifies only after its own
/// transactions); derived state follows through the embedding queue instead.
package struct RepositoryEntrySink: GeneratedEntrySink {
    /// The entry repository entries are stored through.
    package let repository: EntryRepository
    /// Recorded in the entry's `ai_metadata.model`.
    package let generatorModel: String?

    /// Creates a value from its parts.
    package init(repository: EntryRepository, generatorModel: String? = nil) {
        self.repository = repository
        self.generatorModel = generatorModel
    }

    /// Whether `(normalize(term), lang)` exists in `dictionary_entries`.
    package func hasEntry(term: String, lang: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM dictionary_entries WHERE normalized_term = ? AND lang = ?)",
            arguments: [TermNormalizer.normalize(term), lang]
        ) ?? false
    }

    /// Inserts through `EntryRepository.insertAll(_:onExisting: .skip, db:)`.
    package func store(_ entry: GeneratedEntry, lang: String, in db: Database) throws -> StoredEntry {
        let draft = try Self.draft(entry, lang: lang, generatorModel: generatorModel)
        let (entries, changes) = try repository.insertAll([draft], onExisting: .skip, db: db)
        guard let stored = entries.first else { throw EntryError.notFound(id: entry.term) }
        return StoredEntry(id: stored.id, inserted: !changes.isEmpty)
    }

    /// The repository draft of a generated entry: definition fields, related terms, the heuristic score as
    /// `quality_score.overall`, `human_verified` false, confidence high ≥ 80, medium ≥ 60, else low (the original's).
    package static func draft(_ entry: GeneratedEntry, lang: String, generatorModel: String?) throws -> EntryDraft {
        guard let language = Language(code: lang) else { throw EntryError.invalidLanguage(found: lang) }
        guard let type = TermType(rawValue: entry.type) else { throw EntryError.invalidType(found: entry.type) }
        let definition = EntryDefinition(
            concise: entry.concise, detailed: entry.detailed, etymology: entry.etymology, usageExample: entry.usageExample,
            pronunciation: entry.pronunciation.map { EntryDefinition.Pronunciation(ipa: $0) }
        )
        var metadata = EntryMetadata(relatedTerms: entry.relatedTerms, categories: [])
        metadata.createdBy = "seed_processor"
        let score = min(100, max(0, entry.qualityScore))
        let confidence = score >= 80 ? "high" : score >= 60 ? "medium" : "low"
        var quality = QualityScore(overall: score, humanVerified: false, confidenceLevel: confidence)
        quality.lastAICheck = Timestamp.now()
        var ai: [String: JSONValue] = ["generation_reason": .string("auto_seed")]
        if let generatorModel { ai["model"] = .string(generatorModel) }
        return EntryDraft(
            term: entry.term, lang: language, type: type, definition: definition, metadata: metadata,
            qualityScore: quality, aiMetadata: ai
        )
    }
}

extension EntryError: QueueClassifiableError {
    /// Shape and range errors mean the generated content is unusable (a quality failure); `database` and the rest
    /// are database errors.
    package var queueErrorType: QueueErrorType {
        switch self {
        case .invalidTermLength, .invalidLanguage, .invalidType, .valueOutOfRange, .invalidShape: .qualityFailure
        case .bulkItem(_, let inner): inner.queueErrorType
        default: .databaseError
        }
    }

    /// Whether retrying can help.
    package var isRetryableFailure: Bool { queueErrorType == .qualityFailure }

    /// A server-provided delay before the next attempt, if any.
    package var retryAfterHint: Double? { nil }
}
