import Foundation

/// The one rule that turns a score's composer, title and opus into its `normalized_id`, the key that
/// identifies "the same work" across imports and refuses duplicates.
///
/// Each part is *folded*: Unicode compatibility decomposition (NFKD), combining marks dropped (so accents
/// go), lowercased, apostrophes removed, every other run of non-letters/non-digits becomes one `-`, letters and
/// digits are split apart (`Op10` → `op-10`), and the words `opus`, `number`, `nr`, `num` and `kv` are spelled
/// `op`, `no`, `no`, `no` and `k`. The composer is first replaced by its canonical name from the
/// `composer_aliases` table (matched on `composerKey`), and a missing composer is `unknown`. The parts are joined
/// with `--`, which never occurs inside a folded part, so the id can be split back unambiguously:
///
/// | composer | title | opus | normalized id |
/// |---|---|---|---|
/// | `J.S. Bach` | `Prelude in C Major` | `BWV 846` | `johann-sebastian-bach--prelude-in-c-major--bwv-846` |
/// | `Frédéric Chopin` | `Étude` | `Op. 10, No. 3` | `frederic-chopin--etude--op-10-no-3` |
/// | `chopin` | `ETUDE` | `Opus 10 Number 3` | `frederic-chopin--etude--op-10-no-3` |
/// | (none) | `Für Elise` | (none) | `unknown--fur-elise` |
///
/// Unlike the original (`title-composer`, punctuation kept), the opus is part of the key, so two études of one
/// opus stay distinct while spelling variants of one collapse.
package enum ScoreNormalizer {
    /// Separator between the composer, title and opus parts.
    package static let separator = "--"

    /// The normalized id of a work; `canonicalComposer` is the alias table's answer for `composerKey(composer)`.
    /// Returns nil when the title folds to nothing (only punctuation or symbols).
    package static func normalizedID(title: String, composer: String?, opus: String?, canonicalComposer: String? = nil) -> String? {
        let titlePart = fold(title)
        guard !titlePart.isEmpty else { return nil }
        let composerName = canonicalComposer ?? composer
        let composerPart = composerName.map(fold).flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
        var parts = [composerPart, titlePart]
        if let opus, case let opusPart = fold(opus), !opusPart.isEmpty { parts.append(opusPart) }
        return parts.joined(separator: separator)
    }

    /// The alias-table key of a composer name: lowercased, periods as spaces, smart apostrophes straightened,
    /// whitespace collapsed (`"J.S.  Bach"` → `"j s bach"`). Accents are kept; the table lists both spellings.
    package static func composerKey(_ composer: String) -> String {
        let lowered = composer.lowercased()
            .replacingOccurrences(of: ".", with: " ")
            .replacingOccurrences(of: "\u{2019}", with: "'")
            .replacingOccurrences(of: "\u{2018}", with: "'")
        return lowered.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Folds free text into lowercase ASCII-dash-separated tokens, as described on the type.
    package static func fold(_ text: String) -> String {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        var currentIsDigit = false
        func flush() {
            if !current.isEmpty { tokens.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.decomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            let properties = scalar.properties
            if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark
                || properties.generalCategory == .spacingMark || apostrophes.contains(scalar) {
                continue
            }
            let isDigit = ("0"..."9").contains(scalar)
            if isDigit || properties.isAlphabetic {
                if !current.isEmpty && isDigit != currentIsDigit { flush() }
                currentIsDigit = isDigit
                current.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return tokens.map { synonyms[$0] ?? $0 }.joined(separator: "-")
    }

    private static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2018}", "\u{2019}", "\u{02BC}", "`"]
    private static let synonyms: [String: String] = ["opus": "op", "number": "no", "nr": "no", "num": "no", "kv": "k"]
}
