/// Splits a WordNet gloss into its definition and its quoted examples.
///
/// A gloss is `definition; "example one"; "example two"`, sometimes with several `;`-separated definition parts and
/// an attribution after an example (`"…"-Shakespeare`). Segments are split on `;` outside double quotes; a segment
/// that starts with a quote is an example (the text between its first and last quote), the others form the
/// definition, joined again with `; `.
struct WordNetGloss {
    /// The definition text, trimmed.
    let definition: String
    /// The example sentences without quotes.
    let examples: [String]

    init(text: String) {
        var segments: [Substring] = []
        var start = text.startIndex
        var insideQuotes = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" {
                insideQuotes.toggle()
            } else if character == ";", !insideQuotes {
                segments.append(text[start..<index])
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        segments.append(text[start...])

        var definitionParts: [Substring] = []
        var examples: [String] = []
        for segment in segments {
            let trimmed = segment.trimmingSpaces()
            guard !trimmed.isEmpty else { continue }
            if trimmed.first == "\"" {
                let body = trimmed.dropFirst()
                let example = body.lastIndex(of: "\"").map { body[..<$0] } ?? body
                let cleaned = example.trimmingSpaces()
                if !cleaned.isEmpty { examples.append(String(cleaned)) }
            } else {
                definitionParts.append(trimmed)
            }
        }
        definition = definitionParts.joined(separator: "; ")
        self.examples = examples
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs (the data files pad glosses with two spaces).
    fileprivate func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" || first == "\r" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" || last == "\r" { result = result.dropLast() }
        return result
    }
}
