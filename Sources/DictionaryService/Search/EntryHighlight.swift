/// A hit's term and a definition fragment with the query's matches marked (`SearchHighlighter`).
public struct EntryHighlight: Sendable, Hashable {
    public var term: HighlightedText
    /// At most `SearchHighlighter.fragmentLength` characters around the first match, "…" where cut.
    public var definition: HighlightedText

    public init(term: HighlightedText, definition: HighlightedText) { self.term = term; self.definition = definition }
}
