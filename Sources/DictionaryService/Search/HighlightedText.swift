/// Text split into runs that matched the query and runs that did not (`SearchHighlighter`), rendered by whoever
/// prints it: `<mark>` HTML for JSON, bold for a terminal, plain for a pipe.
public struct HighlightedText: Sendable, Hashable {
    /// One run of text and whether it matched a query word.
    public struct Segment: Sendable, Hashable {
        /// The run's characters, as in the original text (not folded).
        public var text: String
        /// True when the run matched a query word.
        public var isMatch: Bool

        /// A run of `text`, matched or not.
        public init(text: String, isMatch: Bool) { self.text = text; self.isMatch = isMatch }
    }

    /// The runs in text order; adjacent runs differ in `isMatch`.
    public var segments: [Segment]

    /// Text made of `segments`.
    public init(segments: [Segment]) { self.segments = segments }

    /// True when at least one run matched.
    public var hasMatch: Bool { segments.contains { $0.isMatch && !$0.text.isEmpty } }

    /// The text without marks.
    public var plain: String { segments.map(\.text).joined() }

    /// Matched runs wrapped in `open`/`close`, every run passed through `escape` first.
    public func rendered(open: String, close: String, escape: (String) -> String = { $0 }) -> String {
        segments.map { $0.isMatch ? open + escape($0.text) + close : escape($0.text) }.joined()
    }

    /// HTML-escaped text with matched runs in `<mark>…</mark>`: safe to insert as an element's content or an
    /// attribute value, since only the marks themselves are markup.
    public var html: String { rendered(open: "<mark>", close: "</mark>", escape: Self.escapeHTML) }

    /// `&`, `<`, `>`, `"` and `'` as character references.
    public static func escapeHTML(_ text: String) -> String {
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
