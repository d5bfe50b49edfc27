/// A full-text query as a store built it: the engine's expression text (an FTS5 `MATCH` string, a `tsquery`) and the
/// words it was built from, the last one a prefix when `prefixLast`, and whether a match needs all of them or any
/// (an engine that weighs words itself reads them).
package struct FullTextExpression: Sendable, Hashable {
    package var text: String
    package var words: [String]
    package var prefixLast: Bool
    package var anyWord: Bool

    package init(text: String, words: [String], prefixLast: Bool, anyWord: Bool) {
        self.text = text; self.words = words; self.prefixLast = prefixLast; self.anyWord = anyWord
    }
}
