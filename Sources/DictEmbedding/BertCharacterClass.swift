/// Per-scalar character classes of the reference BERT tokenizer, looked up in a flat table over every code point
/// (1.1 MB, built once) so classification in the tokenizer's inner loop is a single load.
struct BertCharacterClass: OptionSet, Sendable {
    let rawValue: UInt8

    /// Dropped by text cleaning (control and format characters, NUL, U+FFFD) without splitting a word.
    static let removed = BertCharacterClass(rawValue: 1 << 0)
    /// Splits words.
    static let whitespace = BertCharacterClass(rawValue: 1 << 1)
    /// Becomes a word of its own.
    static let punctuation = BertCharacterClass(rawValue: 1 << 2)
    /// CJK ideograph: surrounded by spaces before normalization.
    static let cjk = BertCharacterClass(rawValue: 1 << 3)
    /// Nonspacing mark: dropped after canonical decomposition.
    static let mark = BertCharacterClass(rawValue: 1 << 4)

    /// The classes of `scalar`.
    @inline(__always)
    static func of(_ scalar: UInt32) -> BertCharacterClass {
        BertCharacterClass(rawValue: table[Int(scalar)])
    }

    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x110000)
        let sources: [([ClosedRange<UInt32>], BertCharacterClass)] = [
            (BertUnicodeTables.removed, .removed), (BertUnicodeTables.whitespace, .whitespace),
            (BertUnicodeTables.punctuation, .punctuation), (BertUnicodeTables.cjk, .cjk), (BertUnicodeTables.marks, .mark),
        ]
        for (ranges, characterClass) in sources {
            for range in ranges {
                for scalar in range { table[Int(scalar)] |= characterClass.rawValue }
            }
        }
        return table
    }()

    /// Lowercase overrides keyed by scalar value (characters newer than some hosts' Unicode data).
    private static let lowercaseOverrides: [UInt32: UInt32] = Dictionary(
        uniqueKeysWithValues: BertUnicodeTables.lowercaseOverrides.map { ($0.0, $0.1) })

    /// Appends the full lowercase mapping of `scalar` (usually one scalar; `İ` would give two, but NFD has already
    /// split it). ASCII takes a fast path; other scalars use the host's Unicode data plus the overrides.
    @inline(__always)
    static func appendLowercase(of scalar: UInt32, to output: inout [UInt32]) {
        if scalar < 0x80 {
            output.append(scalar &- 0x41 < 26 ? scalar | 0x20 : scalar)
            return
        }
        if let override = lowercaseOverrides[scalar] {
            output.append(override)
            return
        }
        guard let unicodeScalar = Unicode.Scalar(scalar), unicodeScalar.properties.changesWhenLowercased else {
            output.append(scalar)
            return
        }
        for lowered in unicodeScalar.properties.lowercaseMapping.unicodeScalars { output.append(lowered.value) }
    }
}
