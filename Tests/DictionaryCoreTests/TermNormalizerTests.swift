import DictTesting
import Testing
@testable import DictionaryCore
@testable import DictionarySearch


@Suite struct TermNormalizerTests {
    /// (input, expected normalize, expected fold) rows; each row names the rule it exercises.
    static let table: [(String, String, String)] = [
        // Trim, collapse, mixed case.
        ("  Allegro   ma  non TROPPO ", "allegro ma non troppo", "allegro ma non troppo"),
        // Greek final sigma: upper-case input, lower-case input written with σ, and a mid-word ς.
        ("ΟΔΟΣ", "οδος", "οδος"),
        ("οδοσ", "οδος", "οδος"),
        ("ΣΟΦΟΣ ΛΟΓΟΣ", "σοφος λογος", "σοφος λογος"),
        ("ςα", "σα", "σα"),
        ("Σ", "σ", "σ"),
        // Turkish dotted capital I: full (locale-free) lower-casing gives i + U+0307; fold drops the dot.
        ("İstanbul", "i\u{0307}stanbul", "istanbul"),
        ("ısık", "ısık", "isik"),
        // Full-width ASCII forms and the ideographic space.
        ("ＦＯＲＴＥ\u{3000}ｐｉａｎｏ", "forte piano", "forte piano"),
        // NBSP, NEL, narrow NBSP become spaces; ZWSP, BOM, soft hyphen vanish.
        ("mezzo\u{00A0}forte", "mezzo forte", "mezzo forte"),
        ("mezzo\u{0085}forte", "mezzo forte", "mezzo forte"),
        ("mezzo\u{202F}\u{2003}forte", "mezzo forte", "mezzo forte"),
        ("cres\u{200B}cendo", "crescendo", "crescendo"),
        ("\u{FEFF}forte", "forte", "forte"),
        ("pia\u{00AD}no", "piano", "piano"),
        ("a\u{0000}b\u{001B}", "ab", "ab"),
        // Curly quotes and dashes.
        ("“Für Elise”", "\"für elise\"", "\"fur elise\""),
        ("D’Indy", "d'indy", "d'indy"),
        ("da capo – al fine — coda", "da capo - al fine - coda", "da capo - al fine - coda"),
        ("« chanson »", "« chanson »", "« chanson »"),
        // Combining accents: NFD input composes; fold strips.
        ("Cre\u{0300}me", "crème", "creme"),
        ("FRÖHLICH", "fröhlich", "frohlich"),
        ("Straße", "straße", "strasse"),
        ("Œuvre", "œuvre", "oeuvre"),
        // CJK and emoji are untouched (ZWJ sequences survive).
        ("渐强", "渐强", "渐强"),
        ("漸強 ", "漸強", "漸強"),
        ("🎵 Song", "🎵 song", "🎵 song"),
        ("👩\u{200D}🎤", "👩\u{200D}🎤", "👩\u{200D}🎤"),
        // Nothing left.
        ("  \u{200B}\u{00A0} ", "", ""),
    ]

    @Test(arguments: table.indices)
    func normalizesAndFoldsTableRow(_ index: Int) {
        let (input, normalized, folded) = Self.table[index]
        #expect(TermNormalizer.normalize(input) == normalized, "row \(index): \(input.debugDescription)")
        #expect(TermNormalizer.fold(TermNormalizer.normalize(input)) == folded, "row \(index): \(input.debugDescription)")
    }

    @Test func distinctWordsKeepDistinctNormalizedKeys() {
        #expect(TermNormalizer.normalize("crème") != TermNormalizer.normalize("creme"))
        #expect(TermNormalizer.fold(TermNormalizer.normalize("crème")) == TermNormalizer.fold(TermNormalizer.normalize("creme")))
    }

    @Test func normalizeAndFoldAreIdempotentOnRandomStrings() {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("TermNormalizer idempotence seed: \(seed)")
        var generator = SeededGenerator(seed: seed)
        // Interesting scalars: spaces, removed, quotes, dashes, Greek, Turkish, combining marks, CJK, emoji, width.
        let pool: [UInt32] = [
            0x20, 0x09, 0x0A, 0x85, 0xA0, 0x200B, 0xFEFF, 0x3000, 0xAD, 0x2060, 0x2018, 0x2019, 0x201C, 0x201D,
            0x2013, 0x2014, 0x3A3, 0x3C3, 0x3C2, 0x391, 0x3B1, 0x0130, 0x0131, 0x49, 0x69, 0x0301, 0x0308, 0x0307,
            0x0345, 0x1E9E, 0xDF, 0x41, 0x5A, 0x61, 0x7A, 0x27, 0x2E, 0xFF21, 0xFF41, 0xFF0C, 0x6E10, 0x5F3A,
            0x1F3B5, 0x200D, 0x1F469, 0x0399, 0x0390, 0x1F88, 0xFB01, 0x00C5, 0x212B, 0x3099, 0x304B, 0x00,
        ]
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...12, using: &generator)
            var view = String.UnicodeScalarView()
            for _ in 0..<length {
                let value = Bool.random(using: &generator)
                    ? pool.randomElement(using: &generator)!
                    : UInt32.random(in: 0x20...0x2FFF, using: &generator)
                if let scalar = Unicode.Scalar(value) { view.append(scalar) }
            }
            let input = String(view)
            let once = TermNormalizer.normalize(input)
            #expect(TermNormalizer.normalize(once) == once, "seed \(seed) input \(input.unicodeScalars.map { String($0.value, radix: 16) })")
            let folded = TermNormalizer.fold(once)
            #expect(TermNormalizer.fold(folded) == folded, "seed \(seed) input \(input.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(!once.hasPrefix(" ") && !once.hasSuffix(" ") && !once.contains("  "))
        }
    }
}

@Suite struct EditDistanceTests {
    static func naive(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        // Full-matrix optimal string alignment, the reference for the banded implementation.
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    @Test func matchesTheFullMatrixOnRandomStrings() {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("EditDistance seed: \(seed)")
        var generator = SeededGenerator(seed: seed)
        let alphabet: [Unicode.Scalar] = ["a", "b", "c", "é", "强"]
        for _ in 0..<2_000 {
            let a = (0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let b = (0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let limit = Int.random(in: 0...3, using: &generator)
            let expected = Self.naive(a, b)
            #expect(EditDistance.distance(a, b, limit: limit) == (expected <= limit ? expected : nil), "seed \(seed) \(a) \(b) limit \(limit)")
        }
        #expect(EditDistance.distance(Array("alegro".unicodeScalars), Array("allegro".unicodeScalars), limit: 2) == 1)
        #expect(EditDistance.distance(Array("betoven".unicodeScalars), Array("beethoven".unicodeScalars), limit: 2) == 2)
    }

    /// The ASCII fast paths give exactly what the general rules give, on random ASCII (every byte value, runs of
    /// spaces and controls, upper and lower case).
    @Test func asciiFastPathsMatchTheGeneralRules() {
        let seed: UInt64 = 0x5EED_A5C1
        print("asciiFastPathsMatchTheGeneralRules seed 0x\(String(seed, radix: 16))")
        var rng = SeededGenerator(seed: seed)
        let common = Array("aZ -\t\n\r\u{0}\u{7F}'\"Mq".unicodeScalars)
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...24, using: &rng)
            let scalars = (0..<length).map { _ -> Unicode.Scalar in
                Bool.random(using: &rng) ? common.randomElement(using: &rng)! : Unicode.Scalar(UInt8.random(in: 0...0x7F, using: &rng))
            }
            let text = String(String.UnicodeScalarView(scalars))
            let fast = TermNormalizer.normalizeASCII(text)
            #expect(fast == TermNormalizer.normalizeUnicode(text), "\(Array(text.utf8))")
            if let fast { #expect(TermNormalizer.fold(fast) == TermNormalizer.foldUnicode(fast), "\(Array(text.utf8))") }
        }
        #expect(TermNormalizer.normalizeASCII("café") == nil, "non-ASCII text takes the general path")
        #expect(TermNormalizer.normalize("  CAFÉ\u{00A0}Noir ") == "café noir")
    }
}
