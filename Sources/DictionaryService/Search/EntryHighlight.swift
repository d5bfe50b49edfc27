/// A hit's term and a definition fragment with the query's matches marked (`SearchHighlighter`).
public struct EntryHighlight: Sendable, Hashable {
    /// The whole term.
    public var term: HighlightedText
    /// At most `SearchHighlighter.fragmentLength` characters around the first match, "…" where cut.
    public var definition: HighlightedText

    /// A highlight of `term` and a `definition` fragment.
    public init(term: HighlightedText, definition: HighlightedText) { self.term = term; self.definition = definition }
}
