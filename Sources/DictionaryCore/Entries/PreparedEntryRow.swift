import GRDB

/// A draft's validated keys and JSON columns: the CPU part of writing an entry (validation, normalization,
/// JSON encoding), which bulk imports compute on another thread while the writer inserts the previous rows.
package struct PreparedEntryRow: Sendable {
    package let normalized: String
    package let folded: String
    package let definition: String
    package let references: String
    package let metadata: String
    package let qualityScore: String
    package let aiMetadata: String

    /// Validates `draft` (`EntryValidator.validate`) and encodes its JSON columns.
    /// - Throws: the validator's `EntryError`, or the encoder's error.
    package init(_ draft: EntryDraft) throws {
        (normalized, folded) = try EntryValidator.validate(draft)
        var metadata = draft.metadata
        // The counters live in their own columns; never let a client's JSON copy shadow them.
        metadata.searchFrequency = nil
        metadata.lastAccessed = nil
        definition = try EntryRow.encode(draft.definition)
        references = try EntryRow.encode(draft.references)
        self.metadata = try EntryRow.encode(metadata)
        qualityScore = try EntryRow.encode(draft.qualityScore)
        aiMetadata = try EntryRow.encode(draft.aiMetadata)
    }

    /// Bound values for term … ai_metadata of `draft` (the draft this row was prepared from), in column order.
    func arguments(_ draft: EntryDraft) -> StatementArguments {
        [
            draft.term, normalized, folded, draft.lang.rawValue, draft.sourceLang?.rawValue, draft.langConfidence,
            draft.type.rawValue, definition, references, metadata, qualityScore, draft.qualityScore.overall, aiMetadata,
        ]
    }
}
