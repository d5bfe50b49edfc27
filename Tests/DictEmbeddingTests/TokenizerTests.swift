@testable import DictEmbedding
import Foundation
import Testing

/// The BERT tokenizer on a small hand-written vocabulary: each rule of the reference pipeline in isolation.
struct TokenizerTests {
    static let tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world", ",", "!", "un", "##aff",
                         "##able", "c", "##♯", "cafe", "οδοσ", "σ", "[", "]", "mask", "a", "##a", "ab", "你", "ﬁ",
                         "x", "##b", "€", "no", "e"]

    private func tokenizer(maxSequenceLength: Int = 256) throws -> BertTokenizer {
        try BertTokenizer(vocabulary: WordPieceVocabulary(tokens: Self.tokens), maxSequenceLength: maxSequenceLength)
    }

    /// The word pieces of `text` spelled out, without [CLS]/[SEP].
    private func pieces(_ text: String, maxSequenceLength: Int = 256) throws -> [String] {
        let tokenizer = try tokenizer(maxSequenceLength: maxSequenceLength)
        let ids = tokenizer.encode(text)
        #expect(ids.first == tokenizer.classifierID && ids.last == tokenizer.separatorID)
        return ids.dropFirst().dropLast().map { tokenizer.vocabulary.token(Int($0)) }
    }

    @Test func lowercasesAndSplitsPunctuation() throws {
        #expect(try pieces("Hello, WORLD!") == ["hello", ",", "world", "!"])
        #expect(try pieces("") == [])
        #expect(try pieces("   \t\n ") == [])
    }

    @Test func greedyLongestMatchWordPiece() throws {
        #expect(try pieces("unaffable") == ["un", "##aff", "##able"])
        #expect(try pieces("aaa") == ["a", "##a", "##a"])
        #expect(try pieces("ab abb") == ["ab", "ab", "##b"])
        // A word that cannot be covered is one [UNK], not a partial match.
        #expect(try pieces("unaffz hello") == ["[UNK]", "hello"])
    }

    @Test func wordsOverOneHundredScalarsAreUnknown() throws {
        #expect(try pieces(String(repeating: "a", count: 100)).count == 100)
        #expect(try pieces(String(repeating: "a", count: 101)) == ["[UNK]"])
    }

    @Test func accentsAreStrippedAfterCanonicalDecomposition() throws {
        #expect(try pieces("Café") == ["cafe"])                  // precomposed é
        #expect(try pieces("Cafe\u{301}") == ["cafe"])           // e + combining acute
        #expect(try pieces("ﬁ") == ["ﬁ"])                        // compatibility ligature is not decomposed
        #expect(try pieces("Ｘ") == ["[UNK]"])                   // full-width letters stay as they are
    }

    @Test func greekIsLowercasedScalarByScalarWithoutFinalSigma() throws {
        #expect(try pieces("ΟΔΟΣ") == ["οδοσ"])
        #expect(try pieces("Σ") == ["σ"])
    }

    @Test func controlCharactersVanishWithoutSplittingAndWhitespaceSplits() throws {
        #expect(try pieces("a\u{0B}b") == ["ab"])
        #expect(try pieces("a\u{200B}b\u{FEFF}") == ["ab"])
        #expect(try pieces("a\u{00A0}b") == ["a", "[UNK]"])
        #expect(try pieces("x\u{2028}x\u{3000}e") == ["x", "x", "e"])
        #expect(try pieces("x\u{0}x") == ["[UNK]"])               // NUL vanishes: "xx" is not in the vocabulary
    }

    @Test func cjkIdeographsAreSingleTokens() throws {
        #expect(try pieces("你好") == ["你", "[UNK]"])
        #expect(try pieces("a你a") == ["a", "你", "a"])
    }

    @Test func symbolsStayGluedPunctuationSplits() throws {
        #expect(try pieces("C♯") == ["c", "##♯"])
        #expect(try pieces("€") == ["€"])
        #expect(try pieces("no!no") == ["no", "!", "no"])
    }

    @Test func typedSpecialTokensMatchCaseSensitively() throws {
        let tokenizer = try tokenizer()
        #expect(tokenizer.encode("[MASK]") == [2, 4, 3])
        #expect(try pieces("[mask]") == ["[", "mask", "]"])
        #expect(try pieces("x[PAD]x[MASK") == ["x", "[PAD]", "x", "[", "mask"])
        #expect(tokenizer.encode("[UNK][CLS][SEP]") == [2, 1, 2, 3, 3])
    }

    @Test func truncatesIncludingSpecialTokens() throws {
        let tokenizer = try tokenizer(maxSequenceLength: 6)
        let ids = tokenizer.encode("hello world hello world hello world")
        #expect(ids == [2, 5, 6, 5, 6, 3])
        #expect(tokenizer.encode("unaffable unaffable").count == 6)
        #expect(tokenizer.encode("[MASK] [MASK] [MASK] [MASK] [MASK] [MASK]") == [2, 4, 4, 4, 4, 3])
    }

    @Test func vocabularyRejectsDuplicatesAndFindsContinuations() throws {
        #expect(throws: WordPieceVocabulary.BuildError.duplicateToken("a", firstID: 0, secondID: 2)) {
            try WordPieceVocabulary(tokens: ["a", "b", "a"])
        }
        let vocabulary = try WordPieceVocabulary(tokens: Self.tokens)
        #expect(vocabulary.id(of: "##aff") == 10)
        #expect(vocabulary.id(of: "aff") == nil)
        #expect(vocabulary.id(of: "##♯") == 13)
        #expect(vocabulary.count == Self.tokens.count)
        #expect(throws: BertTokenizer.BuildError.missingSpecialToken("[PAD]")) {
            try BertTokenizer(vocabulary: WordPieceVocabulary(tokens: ["a"]), maxSequenceLength: 8)
        }
    }

    @Test func canonicallyEquivalentInputsKeepTheirOwnScalars() throws {
        // "Å" (U+212B ANGSTROM SIGN) and "Å" (U+00C5) are canonically equivalent, and both decompose to A + ring.
        let tokenizer = try tokenizer()
        #expect(tokenizer.encode("\u{212B}") == tokenizer.encode("\u{00C5}"))
        // U+11938 is left whole by the reference (its older tables predate the decomposition).
        #expect(BertTokenizer.canonicallyDecomposed([0x11938, 0xE9]) == [0x11938, 0x65, 0x301])
    }

    @Test func hugeTextsAreTruncatedAndChunkBoundariesDoNotSplitWords() throws {
        let tokenizer = try tokenizer()
        let huge = String(repeating: "hello world ", count: 200_000)
        let ids = tokenizer.encode(huge)
        #expect(ids.count == 256)
        #expect(ids[1...4] == [5, 6, 5, 6])
        // Chunks are cut after whitespace only: "unaffable" straddles scalar 4096 and must stay one word.
        let straddling = String(repeating: "a ", count: 2047) + "unaffable hello"
        let pieces = try pieces(straddling, maxSequenceLength: 4000)
        #expect(pieces.count == 2047 + 4)
        #expect(pieces.suffix(4) == ["un", "##aff", "##able", "hello"])
    }
}
