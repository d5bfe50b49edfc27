/// What an entries import did.
package struct EntryFileImportReport: Sendable, Hashable {
    /// Non-blank records read from the file.
    package var records = 0
    /// Entries created or replaced.
    package var written = 0
    /// Entries that already existed and were kept (`onExisting: .skip`).
    package var kept = 0
    /// Records left out by `skipInvalid`, in file order.
    package var skipped: [SkippedRecord] = []
    /// `related_terms` rows created from synonyms, antonyms, related terms and translations.
    package var relationsCreated = 0
    /// Related names that matched no entry.
    package var unresolvedNames = 0
}
