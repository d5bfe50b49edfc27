@testable import DictEmbedding
import Foundation
import Testing

/// The e5 SentencePiece tokenizer on a hand-made vocabulary: each rule of the reference engine in isolation.
struct SentencePieceTokenizerTests {
    private func tokenizer(maxSequenceLength: Int = 64) throws -> SentencePieceTokenizer {
        let writer = E5ModelFileWriter()
        let pieces = writer.pieces
        var offsets = [0]
        for piece in pieces { offsets.append(offsets.last! + piece.0.utf8.count) }
        let vocabulary = try SentencePieceVocabulary(pieceBytes: pieces.flatMap { Array($0.0.utf8) }, offsets: offsets,
                                                     scores: pieces.map(\.1))
        let normalizer = SentencePieceNormalizer(replacements: Dictionary(uniqueKeysWithValues: writer.normalization))
        return SentencePieceTokenizer(vocabulary: vocabulary, normalizer: normalizer, beginID: 0, endID: 2, unknownID: 3,
                                      maxSequenceLength: maxSequenceLength)
    }

    /// The pieces of `text` spelled out (no prefix, no specials).
    private func pieces(_ text: String) throws -> [String] {
        let tokenizer = try tokenizer()
        return tokenizer.pieceIDs(of: text).map { tokenizer.vocabulary.piece(Int($0)) }
    }

    @Test func viterbiMaximizesTheScoreSum() throws {
        #expect(try pieces("ab") == ["▁ab"])            // −3.5 beats ▁a + b (−5.5) and ▁ + ab (−6)
        #expect(try pieces("a") == ["▁a"])
        #expect(try pieces("abab") == ["▁ab", "ab"])
        #expect(try pieces("cc") == ["▁", "c", "c"])
    }

    @Test func unknownCharactersAreSeparateUnknownTokens() throws {
        #expect(try pieces("zz") == ["▁", "<unk>", "<unk>"])
        #expect(try pieces("a😀b") == ["▁a", "<unk>", "b"])
        #expect(try tokenizer().vocabulary.unknownScore == -14)
    }

    @Test func spacesCollapseAndBecomeMetaspace() throws {
        #expect(try pieces("a   b") == ["▁a", "▁", "b"])
        #expect(try pieces(" a") == ["▁a"])           // a leading space is the metaspace; none is added
        #expect(try pieces("a ") == ["▁a", "▁"])       // a trailing space is kept
        #expect(try pieces("") == ["▁"])
        #expect(try pieces("a\tb") == ["▁a", "▁", "b"]) // tab → space through the map
    }

    @Test func normalizationMapsEachCodePoint() throws {
        #expect(try pieces("\u{FF21}b") == ["▁ab"])      // fullwidth A → a
        #expect(try pieces("a\u{07}b") == ["▁ab"])       // a deleted control joins its neighbours
        #expect(try pieces("ab\u{0}c") == ["▁ab"])       // the text ends at NUL, as C strings do
    }

    @Test func prefixSpecialsAndTruncation() throws {
        let tokenizer = try tokenizer(maxSequenceLength: 5)
        let ids = tokenizer.encode("ab ab ab ab", role: .query)
        #expect(ids.count == 5)
        #expect(ids.first == 0 && ids.last == 2)
        #expect(E5TextRole.query.prefix == "query: " && E5TextRole.passage.prefix == "passage: ")
        let long = try self.tokenizer()
        #expect(long.encode("", role: .passage).count == long.pieceIDs(of: "passage: ").count + 2)
    }
}
