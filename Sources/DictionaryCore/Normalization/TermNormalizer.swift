import Foundation

/// The one normalization of dictionary terms: storage keys, lookups, analytics, caches and duplicate checks all go
/// through `normalize`, and accent-insensitive matching through `fold`. Both are pure, locale-independent,
/// deterministic and idempotent (`normalize(normalize(s)) == normalize(s)`, `fold(fold(s)) == fold(s)`).
/// The rules and their examples are in docs/normalization.md.
package enum TermNormalizer {
    /// The normalized key of `text`, in this order:
    /// 1. Unicode NFC;
    /// 2. scalar rewrites: the `removedScalars` (zero-width space, BOM, soft hyphen, word joiner, control
    ///    characters) disappear; every scalar of `spaceScalars` becomes U+0020; curly quotes become `'` / `"`;
    ///    the dashes of `dashScalars` become `-`; full-width ASCII forms (U+FF01–U+FF5E) become ASCII;
    /// 3. full lower-casing with each scalar's Unicode `lowercaseMapping` (no locale, so "İ" becomes "i̇"), then NFC
    ///    again (lower-casing can produce decomposed sequences);
    /// 4. the Greek final-sigma rule: σ/ς become ς at the end of a word and σ elsewhere (Unicode's Final_Sigma
    ///    context, so "ΟΔΟΣ" and "οδοσ" both become "οδος");
    /// 5. leading and trailing spaces trimmed, runs of spaces collapsed to one.
    ///
    /// Complexity: O(n) in the number of Unicode scalars.
    package static func normalize(_ text: String) -> String {
        // ASCII (most terms, all of WordNet's) skips Foundation's NFC passes, which were most of an import's
        // normalization time; the result is the same (tested against `normalizeUnicode` on random ASCII).
        normalizeASCII(text) ?? normalizeUnicode(text)
    }

    /// `normalize` for text that is all ASCII, or nil for any other text. For ASCII the rules reduce to: the five
    /// control spaces (TAB, LF, VT, FF, CR) become spaces, other C0 controls and DEL disappear, A–Z are lower-cased,
    /// spaces are trimmed and collapsed (NFC, the quote/dash/width rewrites and final sigma change nothing).
    static func normalizeASCII(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var output = [UInt8]()
            output.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                switch byte {
                case 0x09...0x0D, 0x20:
                    pendingSpace = !output.isEmpty
                    continue
                case 0x00...0x1F, 0x7F:
                    continue
                default:
                    if pendingSpace { output.append(0x20) }
                    pendingSpace = false
                    output.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// `normalize` for any text: the rules above step by step.
    static func normalizeUnicode(_ text: String) -> String {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if removedScalars.contains(scalar.value) || isRemovedControl(scalar.value) { continue }
            let mapped = rewrite(scalar)
            let lower = mapped.properties.lowercaseMapping
            if lower.unicodeScalars.count == 1, let only = lower.unicodeScalars.first, only == mapped {
                scalars.append(mapped)
            } else {
                scalars.append(contentsOf: lower.unicodeScalars)
            }
        }
        var composed = Array(String(String.UnicodeScalarView(scalars)).precomposedStringWithCanonicalMapping.unicodeScalars)
        applyFinalSigma(&composed)
        return collapseSpaces(composed)
    }

    /// The accent-folded key of an already-normalized term: NFD, nonspacing combining marks (general category Mn)
    /// dropped, a few letters without decompositions spelled out (`letterExpansions`: ß → ss, œ → oe, æ → ae,
    /// ø → o, ł → l, đ → d, ı → i), then NFC. "crème" → "creme", "fröhlich" → "frohlich", "straße" → "strasse".
    /// CJK ideographs and emoji are unchanged; kana lose their (han)dakuten marks ("が" → "か").
    ///
    /// Complexity: O(n) in the number of Unicode scalars.
    package static func fold(_ normalized: String) -> String {
        // ASCII has no decompositions, marks or expanded letters: folding changes nothing.
        normalized.utf8.allSatisfy { $0 < 0x80 } ? normalized : foldUnicode(normalized)
    }

    /// `fold` for any text: the rules above step by step.
    static func foldUnicode(_ normalized: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in normalized.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if let expansion = letterExpansions[scalar.value] {
                result.append(contentsOf: expansion.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result).precomposedStringWithCanonicalMapping
    }

    /// Scalars treated as a space (then trimmed and collapsed): TAB, LF, VT, FF, CR, SPACE, NEL (U+0085),
    /// NO-BREAK SPACE (U+00A0), OGHAM SPACE MARK (U+1680), U+2000–U+200A (en quad … hair space), LINE SEPARATOR
    /// (U+2028), PARAGRAPH SEPARATOR (U+2029), NARROW NO-BREAK SPACE (U+202F), MEDIUM MATHEMATICAL SPACE (U+205F),
    /// IDEOGRAPHIC SPACE (U+3000). An explicit list, so the key never depends on a Foundation character set.
    package static let spaceScalars: Set<UInt32> = [
        0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680,
        0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
        0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
    ]

    /// Invisible scalars removed outright rather than turned into spaces, because they occur inside words pasted
    /// from web pages: ZERO WIDTH SPACE (U+200B), SOFT HYPHEN (U+00AD), WORD JOINER (U+2060), MONGOLIAN VOWEL
    /// SEPARATOR (U+180E) and ZERO WIDTH NO-BREAK SPACE / BOM (U+FEFF). ZWJ and ZWNJ (U+200D, U+200C) are kept:
    /// they are part of emoji sequences and of some scripts' spelling.
    package static let removedScalars: Set<UInt32> = [0x200B, 0xAD, 0x2060, 0x180E, 0xFEFF]

    /// Dashes rewritten to HYPHEN-MINUS: hyphen (U+2010), non-breaking hyphen (U+2011), figure dash (U+2012),
    /// en dash (U+2013), em dash (U+2014), horizontal bar (U+2015), minus sign (U+2212).
    package static let dashScalars: Set<UInt32> = [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212]

    /// Quotes rewritten to APOSTROPHE: ‘ ’ ‚ ‛ (U+2018–U+201B) and prime ′ (U+2032).
    package static let singleQuoteScalars: Set<UInt32> = [0x2018, 0x2019, 0x201A, 0x201B, 0x2032]

    /// Quotes rewritten to QUOTATION MARK: “ ” „ ‟ (U+201C–U+201F) and double prime ″ (U+2033).
    /// Guillemets « » are kept: they are ordinary French punctuation, not typographic variants of `"`.
    package static let doubleQuoteScalars: Set<UInt32> = [0x201C, 0x201D, 0x201E, 0x201F, 0x2033]

    /// Letters that `fold` spells out because they have no canonical decomposition.
    package static let letterExpansions: [UInt32: String] = [
        0xDF: "ss", 0x153: "oe", 0xE6: "ae", 0xF8: "o", 0x142: "l", 0x111: "d", 0x131: "i",
    ]

    /// C0 and C1 control characters other than the spaces above (NUL, BEL, ESC, DEL, …) carry no meaning in a term.
    private static func isRemovedControl(_ value: UInt32) -> Bool {
        if spaceScalars.contains(value) { return false }
        return value < 0x20 || (0x7F...0x9F).contains(value)
    }

    /// One scalar's space/quote/dash/width rewrite (identity for everything else).
    private static func rewrite(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if spaceScalars.contains(value) { return " " }
        if dashScalars.contains(value) { return "-" }
        if singleQuoteScalars.contains(value) { return "'" }
        if doubleQuoteScalars.contains(value) { return "\"" }
        // Full-width ASCII variants (what CJK input methods produce) map to ASCII by a fixed offset.
        if (0xFF01...0xFF5E).contains(value), let ascii = Unicode.Scalar(value - 0xFEE0) { return ascii }
        return scalar
    }

    /// Rewrites every σ/ς to ς where Unicode's Final_Sigma context holds (preceded by a cased letter, skipping
    /// case-ignorable scalars, and not followed by one) and to σ otherwise.
    private static func applyFinalSigma(_ scalars: inout [Unicode.Scalar]) {
        let sigma: Unicode.Scalar = "\u{03C3}"
        let finalSigma: Unicode.Scalar = "\u{03C2}"
        for index in scalars.indices where scalars[index] == sigma || scalars[index] == finalSigma {
            var before = index - 1
            while before >= 0, scalars[before].properties.isCaseIgnorable { before -= 1 }
            let precededByCased = before >= 0 && scalars[before].properties.isCased
            var after = index + 1
            while after < scalars.count, scalars[after].properties.isCaseIgnorable { after += 1 }
            let followedByCased = after < scalars.count && scalars[after].properties.isCased
            scalars[index] = precededByCased && !followedByCased ? finalSigma : sigma
        }
    }

    /// Joins the non-empty space-separated runs with one U+0020.
    private static func collapseSpaces(_ scalars: [Unicode.Scalar]) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in scalars {
            if scalar == " " {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.append(" ") }
            pendingSpace = false
            result.append(scalar)
        }
        return String(result)
    }
}
