import Foundation

/// The uncased BERT tokenizer of all-MiniLM-L6-v2, reproducing the model's `tokenizer.json` pipeline as the
/// sentence-transformers model runs it:
///
/// 1. special tokens typed in the raw text (`[PAD] [UNK] [CLS] [SEP] [MASK]`) are matched case-sensitively first;
/// 2. each stretch between them is cleaned (control/format characters dropped without splitting), CJK ideographs
///    are spaced out, decomposed canonically (NFD) with nonspacing marks dropped, lowercased scalar by scalar;
/// 3. split on whitespace, with every punctuation character a word of its own;
/// 4. greedy longest-match WordPiece with `##` continuations; a word of more than 100 scalars, or one that cannot be
///    covered, is a single `[UNK]`;
/// 5. `[CLS] … [SEP]`, truncated to `maxSequenceLength` tokens including both. No padding.
///
/// Everything works on the exact Unicode scalars given. Character classes come from `BertUnicodeTables`.
/// Thread-safe: all scratch memory is local to a call.
package struct BertTokenizer: Sendable {
    /// The vocabulary.
    package let vocabulary: WordPieceVocabulary
    /// Longest output in tokens, `[CLS]` and `[SEP]` included.
    package let maxSequenceLength: Int
    /// Words longer than this many scalars become `[UNK]` without being split.
    package let maxInputCharactersPerWord = 100

    /// Ids of the special tokens.
    package let padID: Int32, unknownID: Int32, classifierID: Int32, separatorID: Int32, maskID: Int32

    // The special tokens matched in raw text, as scalars, with their ids.
    private let specialTokens: [([UInt32], Int32)]

    /// Errors building a tokenizer.
    package enum BuildError: Error, Equatable {
        /// The vocabulary lacks a special token.
        case missingSpecialToken(String)
    }

    /// A tokenizer over `vocabulary`, which must contain the five special tokens.
    package init(vocabulary: WordPieceVocabulary, maxSequenceLength: Int) throws(BuildError) {
        func special(_ token: String) throws(BuildError) -> Int32 {
            guard let id = vocabulary.id(of: token) else { throw .missingSpecialToken(token) }
            return id
        }
        self.vocabulary = vocabulary
        self.maxSequenceLength = max(2, maxSequenceLength)
        padID = try special("[PAD]")
        unknownID = try special("[UNK]")
        classifierID = try special("[CLS]")
        separatorID = try special("[SEP]")
        maskID = try special("[MASK]")
        specialTokens = [("[PAD]", padID), ("[UNK]", unknownID), ("[CLS]", classifierID), ("[SEP]", separatorID),
                         ("[MASK]", maskID)].map { (Array($0.0.unicodeScalars.map(\.value)), $0.1) }
    }

    /// Reads `vocab.txt` (one token per line, id = line number from 0) and builds the tokenizer.
    /// - Throws: `ModelError.missingFile` or `.invalidVocabulary`.
    package init(vocabularyFile path: String, maxSequenceLength: Int, expectedCount: Int?) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw ModelError.missingFile(path: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError.invalidVocabulary(file: path, reason: "unreadable")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ModelError.invalidVocabulary(file: path, reason: "not valid UTF-8")
        }
        // Split on "\n" only: a token may contain any other line-breaking scalar.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        if let expectedCount, lines.count != expectedCount {
            throw ModelError.invalidVocabulary(file: path, reason: "\(lines.count) tokens, config.json says vocab_size \(expectedCount)")
        }
        do {
            try self.init(vocabulary: WordPieceVocabulary(tokens: lines), maxSequenceLength: maxSequenceLength)
        } catch {
            throw ModelError.invalidVocabulary(file: path, reason: "\(error)")
        }
    }

    /// Token ids of `text`: `[CLS]`, at most `maxSequenceLength - 2` word pieces, `[SEP]`.
    /// O(n · longestKey) for n scalars.
    package func encode(_ text: String) -> [Int32] {
        let scalars = text.unicodeScalars.map(\.value)
        let budget = maxSequenceLength - 2
        var ids: [Int32] = [classifierID]
        ids.reserveCapacity(min(budget, scalars.count) + 2)
        var scratch = Scratch()
        scalars.withUnsafeBufferPointer { raw in
            var segmentStart = 0
            var index = 0
            while index < raw.count, ids.count - 1 < budget {
                if raw[index] == 0x5B, let (length, id) = specialToken(at: index, in: raw) {
                    appendWordPieces(of: UnsafeBufferPointer(rebasing: raw[segmentStart..<index]), to: &ids, budget: budget, scratch: &scratch)
                    if ids.count - 1 < budget { ids.append(id) }
                    index += length
                    segmentStart = index
                } else {
                    index += 1
                }
            }
            if segmentStart < raw.count, ids.count - 1 < budget {
                appendWordPieces(of: UnsafeBufferPointer(rebasing: raw[segmentStart...]), to: &ids, budget: budget, scratch: &scratch)
            }
        }
        ids.append(separatorID)
        return ids
    }

    /// Buffers reused across the segments of one `encode` call.
    private struct Scratch {
        var cleaned: [UInt32] = []
        var characters: [UInt32] = []
        var wordEnds: [Int] = []
        var pieces: [Int32] = []
    }

    /// The special token starting at `index`, as (length in scalars, id).
    private func specialToken(at index: Int, in raw: UnsafeBufferPointer<UInt32>) -> (Int, Int32)? {
        for (spelling, id) in specialTokens where index + spelling.count <= raw.count {
            var matches = true
            for offset in 0..<spelling.count where raw[index + offset] != spelling[offset] {
                matches = false
                break
            }
            if matches { return (spelling.count, id) }
        }
        return nil
    }

    /// Scalars normalized at a time: long texts stop being normalized once the token budget is full.
    private static let chunkLength = 4096

    /// Appends the word pieces of one stretch of raw text (up to `budget` in total), normalizing it in chunks cut
    /// just after a whitespace scalar (which always ends a word), so a huge text costs only what its first 254
    /// pieces need.
    private func appendWordPieces(of raw: UnsafeBufferPointer<UInt32>, to ids: inout [Int32], budget: Int, scratch: inout Scratch) {
        var start = 0
        while start < raw.count, ids.count - 1 < budget {
            var end = min(raw.count, start + Self.chunkLength)
            while end < raw.count, !BertCharacterClass.of(raw[end - 1]).contains(.whitespace) { end += 1 }
            appendChunkPieces(of: UnsafeBufferPointer(rebasing: raw[start..<end]), to: &ids, budget: budget, scratch: &scratch)
            start = end
        }
    }

    /// Normalizes and pre-tokenizes one chunk of raw text, then appends its word pieces (up to `budget` in total).
    private func appendChunkPieces(of raw: UnsafeBufferPointer<UInt32>, to ids: inout [Int32], budget: Int, scratch: inout Scratch) {
        guard !raw.isEmpty else { return }
        // Clean text and space out CJK ideographs.
        scratch.cleaned.removeAll(keepingCapacity: true)
        var needsDecomposition = false
        for scalar in raw {
            let characterClass = BertCharacterClass.of(scalar)
            if characterClass.contains(.removed) { continue }
            if characterClass.contains(.cjk) {
                scratch.cleaned.append(0x20)
                scratch.cleaned.append(scalar)
                scratch.cleaned.append(0x20)
            } else {
                scratch.cleaned.append(scalar)
            }
            // Nothing below U+00C0 has a canonical decomposition, so plain ASCII/Latin-1 text skips NFD.
            if scalar >= 0xC0 { needsDecomposition = true }
        }
        let normalized = needsDecomposition ? Self.canonicallyDecomposed(scratch.cleaned) : scratch.cleaned

        // Drop marks, lowercase, split into words (flat scalar buffer plus word end offsets).
        scratch.characters.removeAll(keepingCapacity: true)
        scratch.wordEnds.removeAll(keepingCapacity: true)
        var lowered: [UInt32] = []
        lowered.reserveCapacity(2)
        for scalar in normalized {
            if BertCharacterClass.of(scalar).contains(.mark) { continue }
            lowered.removeAll(keepingCapacity: true)
            BertCharacterClass.appendLowercase(of: scalar, to: &lowered)
            for character in lowered {
                let characterClass = BertCharacterClass.of(character)
                if characterClass.contains(.whitespace) {
                    closeWord(&scratch)
                } else if characterClass.contains(.punctuation) {
                    closeWord(&scratch)
                    scratch.characters.append(character)
                    scratch.wordEnds.append(scratch.characters.count)
                } else {
                    scratch.characters.append(character)
                }
            }
        }
        closeWord(&scratch)

        scratch.characters.withUnsafeBufferPointer { characters in
            var wordStart = 0
            for wordEnd in scratch.wordEnds {
                if ids.count - 1 >= budget { return }
                appendPieces(of: UnsafeBufferPointer(rebasing: characters[wordStart..<wordEnd]), to: &ids, budget: budget, pieces: &scratch.pieces)
                wordStart = wordEnd
            }
        }
    }

    /// Ends the current word, if it has any characters.
    @inline(__always)
    private func closeWord(_ scratch: inout Scratch) {
        if scratch.characters.count > (scratch.wordEnds.last ?? 0) {
            scratch.wordEnds.append(scratch.characters.count)
        }
    }

    /// Greedy longest-match WordPiece of one word.
    private func appendPieces(of word: UnsafeBufferPointer<UInt32>, to ids: inout [Int32], budget: Int, pieces: inout [Int32]) {
        if word.count > maxInputCharactersPerWord {
            ids.append(unknownID)
            return
        }
        pieces.removeAll(keepingCapacity: true)
        var start = 0
        while start < word.count {
            var end = min(word.count, start + vocabulary.longestKey)
            var found: Int32?
            while end > start {
                if let id = vocabulary.id(of: UnsafeBufferPointer(rebasing: word[start..<end]), continuation: start > 0) {
                    found = id
                    break
                }
                end -= 1
            }
            guard let found else {
                ids.append(unknownID)
                return
            }
            pieces.append(found)
            start = end
        }
        ids.append(contentsOf: pieces.prefix(budget - (ids.count - 1)))
    }

    /// Canonical decomposition (NFD, with canonical reordering) of `scalars`, except U+11938, which the reference
    /// tokenizer's older tables leave whole. U+11938 is a starter, so decomposing the runs between its occurrences
    /// separately gives the same result as decomposing the whole.
    static func canonicallyDecomposed(_ scalars: [UInt32]) -> [UInt32] {
        var output: [UInt32] = []
        output.reserveCapacity(scalars.count + scalars.count / 2)
        var run = String.UnicodeScalarView()
        func flush() {
            guard !run.isEmpty else { return }
            for scalar in String(run).decomposedStringWithCanonicalMapping.unicodeScalars { output.append(scalar.value) }
            run = String.UnicodeScalarView()
        }
        for value in scalars {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if BertUnicodeTables.decompositionExclusions.contains(value) {
                flush()
                output.append(value)
            } else {
                run.append(scalar)
            }
        }
        flush()
        return output
    }
}
