import Foundation

/// Turns user text into safe FTS5 match expressions and measures its script. User text is never spliced into
/// SQL; in FTS syntax it only ever appears inside double-quoted strings, so `AND OR NOT NEAR * ^ : ( )` and quotes
/// are plain characters.
enum QueryText {
    /// The word tokens of a normalized query: maximal runs of letters, digits and combining marks (the same
    /// notion of a token character as FTS5's unicode61 tokenizer, close enough that each token is one FTS token or
    /// a few). Everything else separates tokens and is dropped.
    static func tokens(_ normalized: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in normalized.unicodeScalars {
            let category = scalar.properties.generalCategory
            let isTokenScalar: Bool = switch category {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark: true
            default: false
            }
            if isTokenScalar {
                current.append(scalar)
            } else if !current.isEmpty {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens
    }

    /// Shortest last token that becomes a prefix query: a one-letter prefix would expand to a large part of the
    /// FTS vocabulary on a big corpus (WordNet) for little value.
    static let minimumPrefixLength = 2

    /// An FTS5 expression of quoted tokens joined by AND (or OR), the last one a prefix query (`"cresc"*`) when it
    /// has at least `minimumPrefixLength` characters, so search-as-you-type works; nil when the query has no
    /// tokens. At most 32 tokens are used.
    static func matchExpression(_ tokens: [String], any: Bool, prefixLast: Bool = true) -> String? {
        let used = tokens.prefix(32)
        guard !used.isEmpty else { return nil }
        let quoted = used.enumerated().map { index, token -> String in
            let escaped = "\"" + token.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            return prefixLast && index == used.count - 1 && token.count >= minimumPrefixLength ? escaped + "*" : escaped
        }
        return quoted.joined(separator: any ? " OR " : " AND ")
    }

    /// The fraction of the query's letters that are CJK ideographs, kana or Hangul (0 when there are no letters).
    static func cjkFraction(_ text: String) -> Double {
        var letters = 0
        var cjk = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            letters += 1
            if isCJK(scalar.value) { cjk += 1 }
        }
        return letters == 0 ? 0 : Double(cjk) / Double(letters)
    }

    private static func isCJK(_ value: UInt32) -> Bool {
        switch value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
             0x20000...0x2FA1F: true
        default: false
        }
    }
}
