/// A hit's term and a definition fragment with the query's matches marked (`SearchHighlighter`).
package struct EntryHighlight: Sendable, Hashable {
    /// The whole term.
    package var term: HighlightedText
    /// At most `SearchHighlighter.fragmentLength` characters around the first match, "…" where cut.
    package var definition: HighlightedText

    /// A highlight of `term` and a `definition` fragment.
    package init(term: HighlightedText, definition: HighlightedText) { self.term = term; self.definition = definition }
}
