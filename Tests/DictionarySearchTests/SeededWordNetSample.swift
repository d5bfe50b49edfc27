import DictTesting
import Foundation
@testable import DictionaryImport

/// A WordNet-shaped lexicon drawn from a seed: synsets of one to three lemmas over a pseudo-word vocabulary (shared
/// lemmas give polysemy; multi-word, hyphenated and accented lemmas appear), glosses and examples built from the
/// same words, hypernym, antonym and similar-to pointers. The same seed gives the same lexicon, so both engines can
/// import it and be asked the same questions.
struct SeededWordNetSample {
    let synsets: [WordNetSynset]
    /// Every lemma, and the words glosses are made of.
    let lemmas: [String]
    let vocabulary: [String]

    init(seed: UInt64, synsetCount: Int) {
        var random = SeededGenerator(seed: seed)
        let onsets = ["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "br", "cr", "st", "tr", "pl"]
        let vowels = ["a", "e", "i", "o", "u", "é", "ou", "ia"]
        func word(_ random: inout SeededGenerator) -> String {
            (0..<Int.random(in: 2...3, using: &random)).map { _ in
                onsets.randomElement(using: &random)! + vowels.randomElement(using: &random)!
            }.joined()
        }
        var drawn = Set<String>()
        while drawn.count < 700 { drawn.insert(word(&random)) }
        let words = drawn.sorted()
        // Distinct lemmas: the words themselves (some capitalized), then two-word and hyphenated compounds.
        var lemmaPool: [String] = []
        for index in 0..<(synsetCount * 3 / 4) {
            let base = words[index % words.count], other = words[(index * 7 + index / words.count) % words.count]
            switch (index / words.count, index % 10) {
            case (0, 9): lemmaPool.append(base.capitalized)
            case (0, _): lemmaPool.append(base)
            case (_, 0...5): lemmaPool.append(base + " " + other)
            default: lemmaPool.append(base + "-" + other)
            }
        }
        let files: [(WordNetDataFile, WordNetPartOfSpeech)] = [(.noun, .noun), (.verb, .verb), (.adjective, .adjective), (.adverb, .adverb)]
        var ids: [(WordNetSynsetID, WordNetPartOfSpeech)] = []
        for index in 0..<synsetCount {
            let (file, partOfSpeech) = files[index % 7 < 4 ? 0 : index % 4]
            ids.append((WordNetSynsetID(file: file, offset: UInt32(1_000 + index * 10)), partOfSpeech))
        }
        var synsets: [WordNetSynset] = []
        for (index, (id, partOfSpeech)) in ids.enumerated() {
            let lemmaCount = Int.random(in: 1...3, using: &random)
            let members = (0..<lemmaCount).map { _ in lemmaPool.randomElement(using: &random)! }
            var unique: [String] = []
            for lemma in members where !unique.contains(where: { $0.lowercased() == lemma.lowercased() }) { unique.append(lemma) }
            let gloss = (0..<Int.random(in: 5...12, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
            let example = "\"the " + (0..<4).map { _ in words.randomElement(using: &random)! }.joined(separator: " ") + "\""
            var pointers: [WordNetPointer] = []
            for kind in [WordNetPointerKind.hypernym, .antonym, .similarTo] where Int.random(in: 0..<3, using: &random) == 0 {
                let (target, targetPartOfSpeech) = ids[Int.random(in: 0..<ids.count, using: &random)]
                guard target != id else { continue }
                pointers.append(WordNetPointer(kind: kind, target: target, targetPartOfSpeech: targetPartOfSpeech,
                                               sourceWord: kind == .antonym ? 1 : 0, targetWord: kind == .antonym ? 1 : 0))
            }
            synsets.append(WordNetSynset(
                id: id, partOfSpeech: partOfSpeech, lexicographerFileNumber: index % 3,
                words: unique.enumerated().map { WordNetSynsetWord(lemma: $1, lexicalID: $0) }, pointers: pointers, verbFrames: [],
                definition: gloss, examples: index % 2 == 0 ? [example] : []))
        }
        self.synsets = synsets
        lemmas = Array(Set(synsets.flatMap(\.lemmas))).sorted()
        vocabulary = words
    }
}
