/// A SentencePiece unigram vocabulary: each piece's UTF-8 bytes and log-probability score, id = position, with a
/// byte-keyed hash table so the tokenizer looks substrings up without building `String`s.
package struct SentencePieceVocabulary: Sendable {
    /// Number of pieces.
    package let count: Int
    /// Each piece's score (higher is likelier); the tokenizer maximizes their sum.
    package let scores: [Float]
    /// Longest piece in bytes: no substring longer than this needs a lookup.
    package let longestPieceBytes: Int
    /// The score of an unknown character, as the e5 engine sets it: the lowest piece score minus 10.
    package let unknownScore: Float

    // All pieces' bytes back to back; piece i is pieceBytes[offsets[i]..<offsets[i + 1]].
    private let pieceBytes: [UInt8]
    private let offsets: [Int]
    // Open addressing on the FNV-1a hash of a piece's bytes: piece id + 1, 0 = empty. Size a power of two ≥ 2·count.
    private let table: [Int32]
    private let tableMask: Int

    /// Why pieces cannot form a vocabulary.
    package enum BuildError: Error, Equatable {
        /// Offsets do not start at 0, decrease, or do not end at the byte count.
        case invalidOffsets(index: Int)
        /// Two pieces have the same bytes.
        case duplicatePiece(index: Int)
        /// A score is NaN or infinite.
        case nonFiniteScore(index: Int)
    }

    /// A vocabulary from `pieceBytes` cut at `offsets` (`count + 1` values from 0 to `pieceBytes.count`) and one
    /// score per piece. Empty pieces are allowed and never matched. O(total bytes).
    package init(pieceBytes: [UInt8], offsets: [Int], scores: [Float]) throws(BuildError) {
        let count = scores.count
        guard offsets.count == count + 1, offsets.first == 0, offsets.last == pieceBytes.count else {
            throw .invalidOffsets(index: 0)
        }
        var longest = 1, lowest = Float.infinity
        for index in 0..<count {
            guard offsets[index] <= offsets[index + 1] else { throw .invalidOffsets(index: index) }
            guard scores[index].isFinite else { throw .nonFiniteScore(index: index) }
            longest = max(longest, offsets[index + 1] - offsets[index])
            lowest = min(lowest, scores[index])
        }
        var size = 2
        while size < 2 * count { size *= 2 }
        var table = [Int32](repeating: 0, count: size)
        let mask = size - 1
        try pieceBytes.withUnsafeBufferPointer { bytes throws(BuildError) in
            for index in 0..<count where offsets[index + 1] > offsets[index] {
                let piece = UnsafeBufferPointer(rebasing: bytes[offsets[index]..<offsets[index + 1]])
                var slot = Self.hash(piece) & mask
                while table[slot] != 0 {
                    let other = Int(table[slot]) - 1
                    if bytes[offsets[other]..<offsets[other + 1]].elementsEqual(piece) { throw .duplicatePiece(index: index) }
                    slot = (slot + 1) & mask
                }
                table[slot] = Int32(index + 1)
            }
        }
        self.count = count
        self.scores = scores
        self.pieceBytes = pieceBytes
        self.offsets = offsets
        self.table = table
        self.tableMask = mask
        self.longestPieceBytes = longest
        self.unknownScore = (count == 0 ? 0 : lowest) - 10
    }

    /// The id of the piece whose bytes are `bytes`, if any. O(length) expected.
    package func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= longestPieceBytes else { return nil }
        var slot = Self.hash(bytes) & tableMask
        return pieceBytes.withUnsafeBufferPointer { storage in
            while true {
                let entry = Int(table[slot])
                if entry == 0 { return nil }
                let index = entry - 1
                if storage[offsets[index]..<offsets[index + 1]].elementsEqual(bytes) { return index }
                slot = (slot + 1) & tableMask
            }
        }
    }

    /// The id of `piece`, if any.
    package func id(of piece: String) -> Int? {
        Array(piece.utf8).withUnsafeBufferPointer { id(of: $0) }
    }

    /// Piece `id` as text (invalid UTF-8 repaired), for diagnostics and tests.
    package func piece(_ id: Int) -> String {
        String(decoding: pieceBytes[offsets[id]..<offsets[id + 1]], as: UTF8.self)
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int(truncatingIfNeeded: hash & 0x7FFF_FFFF_FFFF_FFFF)
    }
}
