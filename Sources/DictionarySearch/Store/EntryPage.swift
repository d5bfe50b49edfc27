package import DictionaryCore

/// One page of entries in the order asked for, and how many entries matched in all.
package struct EntryPage: Sendable {
    package var entries: [DictionaryEntry]
    package var total: Int

    package init(entries: [DictionaryEntry], total: Int) {
        self.entries = entries; self.total = total
    }
}
