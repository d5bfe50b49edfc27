/// What an entries import did.
public struct EntryFileImportReport: Sendable, Hashable {
    /// Non-blank records read from the file.
    public var records = 0
    /// Entries created or replaced.
    public var written = 0
    /// Entries that already existed and were kept (`onExisting: .skip`).
    public var kept = 0
    /// Records left out by `skipInvalid`, in file order.
    public var skipped: [SkippedRecord] = []
    /// `related_terms` rows created from synonyms, antonyms, related terms and translations.
    public var relationsCreated = 0
    /// Related names that matched no entry.
    public var unresolvedNames = 0
}
