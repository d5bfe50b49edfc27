/// Text split into runs that matched the query and runs that did not (`SearchHighlighter`), rendered by whoever
/// prints it: `<mark>` HTML for JSON, bold for a terminal, plain for a pipe.
package struct HighlightedText: Sendable, Hashable {
    /// One run of text and whether it matched a query word.
    package struct Segment: Sendable, Hashable {
        /// The run's characters, as in the original text (not folded).
        package var text: String
        /// True when the run matched a query word.
        package var isMatch: Bool

        /// A run of `text`, matched or not.
        package init(text: String, isMatch: Bool) { self.text = text; self.isMatch = isMatch }
    }

    /// The runs in text order; adjacent runs differ in `isMatch`.
    package var segments: [Segment]

    /// Text made of `segments`.
    package init(segments: [Segment]) { self.segments = segments }

    /// True when at least one run matched.
    package var hasMatch: Bool { segments.contains { $0.isMatch && !$0.text.isEmpty } }

    /// The text without marks.
    package var plain: String { segments.map(\.text).joined() }

    /// Matched runs wrapped in `open`/`close`, every run passed through `escape` first.
    package func rendered(open: String, close: String, escape: (String) -> String = { $0 }) -> String {
        segments.map { $0.isMatch ? open + escape($0.text) + close : escape($0.text) }.joined()
    }

    /// HTML-escaped text with matched runs in `<mark>…</mark>`: safe to insert as an element's content or an
    /// attribute value, since only the marks themselves are markup.
    package var html: String { rendered(open: "<mark>", close: "</mark>", escape: Self.escapeHTML) }

    /// `&`, `<`, `>`, `"` and `'` as character references.
    package static func escapeHTML(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
