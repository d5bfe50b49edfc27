import Foundation

package import DictionaryCore
/// Finds where a query's words occur in a hit's term and definition, the way lexical search matched them:
/// case- and accent-insensitive (`TermNormalizer.normalize` then `fold`), word by word (`QueryText.tokens`, stop
/// words left out unless the query has nothing else), the last word also as a prefix of a longer word ("cresc" marks
/// "Cresc" in "Crescendo"), CJK words anywhere inside a run of ideographs (there are no spaces to split on), and in
/// the term the whole query as a substring (the prefix and contains tiers: "scendo" in "decrescendo"). A hit found
/// only by meaning simply has no marks. Complexity: O(text length × query words) per text.
package struct SearchHighlighter: Sendable {
    /// Longest definition fragment, in characters, not counting the "…" that mark cut ends (Typesense's snippets
    /// are about 30 words; a table column shows about 70 characters).
    package static let fragmentLength = 160
    /// Characters kept before the first match when a definition is cropped (at most a quarter of the fragment), so
    /// the match is read in context.
    package static let contextBefore = 40

    /// Match keys of the query's words and whether each is CJK.
    private let words: [(key: String, isCJK: Bool)]
    /// Match key of the whole query, for substrings of the term.
    private let phrase: String

    /// A highlighter for `query` (raw user text; normalized here as the search normalizes it).
    package init(query: String) {
        let normalized = TermNormalizer.normalize(query)
        let tokens = QueryText.tokens(normalized)
        let content = tokens.filter { !StopWords.contains($0) }
        words = (content.isEmpty ? tokens : content).map { (key: Self.key($0), isCJK: QueryText.cjkFraction($0) >= 0.5) }
        phrase = Self.key(normalized)
    }

    /// The entry's term with its matches, and a definition fragment: the first of concise, detailed and the senses'
    /// glosses that has a match (else `EntryDefinition.summary`), cropped to `fragmentLength` around its first match.
    package func highlight(_ entry: DictionaryEntry, fragmentLength: Int = Self.fragmentLength) -> EntryHighlight {
        let definition = entry.definition
        let texts = [definition.concise, definition.detailed].compactMap { $0 } + (definition.senses ?? []).map(\.gloss)
        let term = highlight(entry.term, inTerm: true)
        for text in texts where !text.isEmpty {
            let marked = highlight(text)
            if marked.hasMatch { return EntryHighlight(term: term, definition: Self.crop(marked, length: fragmentLength)) }
        }
        return EntryHighlight(term: term, definition: Self.crop(highlight(definition.summary), length: fragmentLength))
    }

    /// `text` with every match of the query marked; `inTerm` also marks the whole query as a substring.
    package func highlight(_ text: String, inTerm: Bool = false) -> HighlightedText {
        let characters = Array(text)
        // Each character's match key, and the concatenated keys with the character each scalar came from.
        var keys: [String] = []
        var scalars: [Unicode.Scalar] = []
        var owner: [Int] = []
        keys.reserveCapacity(characters.count)
        for (index, character) in characters.enumerated() {
            let key = character.isWhitespace ? " " : Self.key(String(character))
            keys.append(key)
            for scalar in key.unicodeScalars { scalars.append(scalar); owner.append(index) }
        }
        var marked = [Bool](repeating: false, count: characters.count)
        func mark(_ needle: String, mustStartWord: Bool) {
            let pattern = Array(needle.unicodeScalars)
            guard !pattern.isEmpty, pattern.count <= scalars.count else { return }
            var start = 0
            while start + pattern.count <= scalars.count {
                if scalars[start] == pattern[0], Array(scalars[start..<start + pattern.count]) == pattern,
                   !mustStartWord || owner[start] == 0 || !Self.isWordCharacter(characters[owner[start] - 1]) {
                    for index in owner[start]...owner[start + pattern.count - 1] { marked[index] = true }
                    start += pattern.count
                } else {
                    start += 1
                }
            }
        }
        // The term as a key: a whole-query substring (contains tier needs three characters, or CJK; else a prefix).
        if inTerm {
            let isCJK = QueryText.cjkFraction(phrase) >= 0.5
            mark(phrase, mustStartWord: !(isCJK || phrase.unicodeScalars.count >= 3))
        }
        // Word by word: equal keys, or the last query word as a prefix; CJK query words anywhere.
        for word in words where word.isCJK { mark(word.key, mustStartWord: false) }
        var index = 0
        while index < characters.count {
            guard Self.isWordCharacter(characters[index]) else { index += 1; continue }
            var end = index
            while end < characters.count, Self.isWordCharacter(characters[end]) { end += 1 }
            let key = keys[index..<end].joined()
            for (position, word) in words.enumerated() where !word.isCJK {
                let isLast = position == words.count - 1
                let prefixMatch = isLast && word.key.count >= QueryText.minimumPrefixLength && key.hasPrefix(word.key)
                guard key == word.key || prefixMatch else { continue }
                // A prefix match marks only the typed part ("Cresc" of "Crescendo"), as Meilisearch does.
                let matchedEnd = key == word.key ? end : Self.end(of: word.key, from: index, keys: keys, limit: end)
                for position in index..<matchedEnd { marked[position] = true }
                break
            }
            index = end
        }
        return Self.segments(characters, marked: marked)
    }

    /// A definition cut to `fragmentLength` characters: from a word start up to `contextBefore` characters before
    /// the first match (the start when nothing matched) to a word end, with "…" where text was cut.
    static func crop(_ text: HighlightedText, length: Int = fragmentLength) -> HighlightedText {
        var characters: [Character] = []
        var marked: [Bool] = []
        for segment in text.segments {
            for character in segment.text { characters.append(character); marked.append(segment.isMatch) }
        }
        guard characters.count > length else { return text }
        let firstMatch = marked.firstIndex(of: true) ?? 0
        var start = max(0, firstMatch - min(contextBefore, length / 4))
        // Start on a word: move forward to just after a space, never past the match.
        if start > 0 {
            var scan = start
            while scan < firstMatch, !characters[scan - 1].isWhitespace { scan += 1 }
            start = scan
        }
        var end = min(characters.count, start + length)
        if end < characters.count {
            // End on a word: back to the last space, unless that would cut off the match itself.
            var scan = end
            while scan > firstMatch + 1, !characters[scan].isWhitespace { scan -= 1 }
            if scan > firstMatch + 1 { end = scan }
        }
        while start < end, characters[start].isWhitespace { start += 1 }
        while end > start, characters[end - 1].isWhitespace { end -= 1 }
        var result = segments(Array(characters[start..<end]), marked: Array(marked[start..<end]))
        if start > 0 { result.segments.insert(.init(text: "…", isMatch: false), at: 0) }
        if end < characters.count { result.segments.append(.init(text: "…", isMatch: false)) }
        return result
    }

    /// Runs of equally marked characters.
    private static func segments(_ characters: [Character], marked: [Bool]) -> HighlightedText {
        var segments: [HighlightedText.Segment] = []
        for (character, isMatch) in zip(characters, marked) {
            if let last = segments.last, last.isMatch == isMatch {
                segments[segments.count - 1].text.append(character)
            } else {
                segments.append(.init(text: String(character), isMatch: isMatch))
            }
        }
        return HighlightedText(segments: segments)
    }

    /// The index just past the characters of `keys` (from `start`) whose keys spell `prefix`.
    private static func end(of prefix: String, from start: Int, keys: [String], limit: Int) -> Int {
        var length = 0
        let target = prefix.unicodeScalars.count
        var index = start
        while index < limit, length < target {
            length += keys[index].unicodeScalars.count
            index += 1
        }
        return index
    }

    /// A letter, digit or mark: what `QueryText.tokens` keeps in a token.
    private static func isWordCharacter(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// The comparison key: normalized, accent-folded, and with the final sigma written as σ (normalization chooses
    /// ς by context, which a single character or a prefix does not have).
    private static func key(_ text: String) -> String {
        TermNormalizer.fold(TermNormalizer.normalize(text)).replacingOccurrences(of: "\u{03C2}", with: "\u{03C3}")
    }
}
