/// Told after each committed entry write, so derived state (the in-memory vector index, the embedding queue,
/// caches) can follow. Called synchronously on the writing thread after commit; keep the work short.
package protocol EntryChangeObserver: AnyObject, Sendable {
    /// `upserted`: created or updated entries; `deleted`: ids removed (their `term_embeddings` rows are already
    /// gone through `ON DELETE CASCADE`).
    func entriesChanged(upserted: [EntryChange], deleted: [String])
}

/// One created or updated entry as an observer sees it.
package struct EntryChange: Hashable, Sendable {
    /// The entry id.
    package var id: String
    /// True for a new entry.
    package var created: Bool
    /// True when the embedded text (term or definition) changed, so stored vectors are now stale.
    package var embeddingTextChanged: Bool
    /// The attributes vector filters use (`EmbeddingIndex.updateAttributes`), as committed.
    package var lang: Language
    package var type: TermType
    package var overallScore: Double

    package init(id: String, created: Bool, embeddingTextChanged: Bool, lang: Language, type: TermType, overallScore: Double) {
        self.id = id; self.created = created; self.embeddingTextChanged = embeddingTextChanged
        self.lang = lang; self.type = type; self.overallScore = overallScore
    }
}
