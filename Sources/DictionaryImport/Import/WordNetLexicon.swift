import Foundation

/// The WordNet corpus grouped by lemma: one `WordNetLemma` per lower-cased lemma, ready to become English entries.
///
/// Built once from all synsets in O(synsets + words + pointers) time plus a sort of the lemma keys. For WordNet 3.0:
/// 117,659 synsets, 147,306 lemmas.
package struct WordNetLexicon: Sendable {
    /// All lemmas sorted by `key`.
    package let lemmas: [WordNetLemma]
    /// How many synsets the lexicon was built from.
    package let synsetCount: Int
    private let positionByKey: [String: Int]

    /// Reads the four data files (and the index files for sense ranking, `cntlist.rev` for sense tag counts) from
    /// `reader.directory` and groups them. Throws `WordNetError.fileMissing` (with the
    /// `apt-get install -y wordnet-base` hint) when a data file is absent.
    package static func load(reader: WordNetReader = WordNetReader()) throws -> WordNetLexicon {
        let synsets = try reader.allSynsets()
        var ranks: [WordNetDataFile: [String: [UInt32]]] = [:]
        for file in WordNetDataFile.allCases {
            ranks[file] = try reader.senseRanks(in: file)
        }
        return WordNetLexicon(synsets: synsets, senseRanks: ranks, tagCounts: try reader.senseTagCounts())
    }

    /// Groups `synsets` by lemma. `senseRanks` (from `WordNetReader.senseRanks(in:)`) orders each lemma's senses
    /// within a part of speech; senses it does not list keep data-file order after the ranked ones. `tagCounts`
    /// (from `WordNetReader.senseTagCounts()`) gives each ranked sense its tag count (0 when not listed); without
    /// them senses carry none. Pointers to synsets not in `synsets` are ignored; a repeated synset id keeps its
    /// first occurrence.
    package init(synsets: [WordNetSynset], senseRanks: [WordNetDataFile: [String: [UInt32]]] = [:],
                tagCounts: [WordNetSenseNumber: Int]? = nil) {
        let byID = Dictionary(synsets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let classifier = WordNetMusicClassifier(synsets: byID)

        // key → occurrences (synset position, 1-based word numbers of this lemma in that synset), in file order.
        var occurrences: [String: [(synset: Int, words: [Int])]] = [:]
        var seenIDs = Set<WordNetSynsetID>()
        for (position, synset) in synsets.enumerated() where seenIDs.insert(synset.id).inserted {
            for (wordIndex, word) in synset.words.enumerated() {
                let key = word.lemma.lowercased()
                // Mutate in place: copying the list out and back would make every append O(occurrences).
                if let last = occurrences[key]?.indices.last, occurrences[key]?[last].synset == position {
                    occurrences[key]?[last].words.append(wordIndex + 1)
                } else {
                    occurrences[key, default: []].append((position, [wordIndex + 1]))
                }
            }
        }

        var lemmas: [WordNetLemma] = []
        lemmas.reserveCapacity(occurrences.count)
        for (key, list) in occurrences {
            let ranked = list.sorted { lhs, rhs in
                let left = synsets[lhs.synset].id, right = synsets[rhs.synset].id
                if left.file != right.file { return left.file < right.file }
                let ranks = senseRanks[left.file]?[key]
                let leftRank = ranks?.firstIndex(of: left.offset) ?? Int.max
                let rightRank = ranks?.firstIndex(of: right.offset) ?? Int.max
                return leftRank != rightRank ? leftRank < rightRank : lhs.synset < rhs.synset
            }
            var lemma = Self.lemma(key: key, occurrences: ranked, synsets: synsets, byID: byID, classifier: classifier)
            if let tagCounts {
                for index in lemma.senses.indices {
                    let id = lemma.senses[index].synsetID
                    // cntlist.rev numbers a lemma's senses by their rank in its index file, from 1.
                    guard let rank = senseRanks[id.file]?[key]?.firstIndex(of: id.offset) else { continue }
                    lemma.senses[index].tagCount = tagCounts[WordNetSenseNumber(lemma: key, file: id.file, number: rank + 1)] ?? 0
                }
            }
            lemmas.append(lemma)
        }
        lemmas.sort { $0.key < $1.key }
        self.lemmas = lemmas
        self.synsetCount = byID.count
        self.positionByKey = Dictionary(uniqueKeysWithValues: lemmas.enumerated().map { ($1.key, $0) })
    }

    /// The number of distinct lemmas.
    package var count: Int { lemmas.count }

    /// The lemma for a word, matched case-insensitively with underscores or spaces (`Musical_Instrument` works).
    package subscript(word: String) -> WordNetLemma? {
        let key = word.replacingOccurrences(of: "_", with: " ").lowercased()
        return positionByKey[key].map { lemmas[$0] }
    }

    /// Pointer kinds that feed `relatedTerms` and `antonyms`; the others (hyponyms, derivations, …) are skipped.
    private static let followedKinds: Set<WordNetPointerKind> = [.antonym, .hypernym, .instanceHypernym, .similarTo, .alsoSee]

    private static func lemma(key: String, occurrences: [(synset: Int, words: [Int])], synsets: [WordNetSynset],
                              byID: [WordNetSynsetID: WordNetSynset],
                              classifier: WordNetMusicClassifier) -> WordNetLemma {
        var senses: [WordNetSense] = []
        var synonyms = OrderedWords(excluding: key)
        var related = OrderedWords(excluding: key)
        var antonyms = OrderedWords(excluding: key)
        var term = key
        for (index, occurrence) in occurrences.enumerated() {
            let synset = synsets[occurrence.synset]
            if index == 0 { term = synset.words[occurrence.words[0] - 1].lemma }
            let others = synset.words.enumerated()
                .filter { !occurrence.words.contains($0.offset + 1) && $0.element.lemma.lowercased() != key }
                .map(\.element.lemma)
            others.forEach { synonyms.insert($0) }
            let classification = classifier.classification[synset.id] ?? (false, .general)
            senses.append(WordNetSense(
                synsetID: synset.id, partOfSpeech: synset.partOfSpeech,
                lexicographerFile: synset.lexicographerFileName, definition: synset.definition,
                examples: synset.examples, synonyms: others, isMusicDomain: classification.isMusic,
                category: classification.category
            ))
            for pointer in synset.pointers where Self.followedKinds.contains(pointer.kind) {
                // A lexical pointer belongs to one word of the synset: follow it only from this lemma's word.
                if pointer.sourceWord != 0, !occurrence.words.contains(pointer.sourceWord) { continue }
                guard let target = byID[pointer.target] else { continue }
                let word: String
                if pointer.targetWord > 0, pointer.targetWord <= target.words.count {
                    word = target.words[pointer.targetWord - 1].lemma
                } else {
                    word = target.words[0].lemma
                }
                switch pointer.kind {
                case .antonym: antonyms.insert(word)
                case .hypernym, .instanceHypernym, .similarTo, .alsoSee: related.insert(word)
                default: break
                }
            }
        }
        let synonymList = synonyms.words
        let synonymKeys = Set(synonymList.map { $0.lowercased() })
        return WordNetLemma(
            key: key, term: term, senses: senses, synonyms: synonymList,
            relatedTerms: related.words.filter { !synonymKeys.contains($0.lowercased()) },
            antonyms: antonyms.words
        )
    }
}

/// Words in first-seen order without case-insensitive duplicates, never containing one excluded key.
private struct OrderedWords {
    private(set) var words: [String] = []
    private var seen: Set<String>

    init(excluding key: String) { seen = [key] }

    mutating func insert(_ word: String) {
        if seen.insert(word.lowercased()).inserted { words.append(word) }
    }
}
