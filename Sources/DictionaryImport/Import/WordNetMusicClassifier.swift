/// Decides which synsets belong to the music domain and which dictionary type they suggest.
///
/// Rule (kept simple on purpose, and documented in data/README.md):
/// 1. Anchor synsets are found by their words and lexicographer file, not by offsets, so the rule reads like the
///    data: `music` (noun.communication, noun.act), `musician` (noun.person) mark the domain; `composer`
///    (noun.person) → composer, `musical instrument` (noun.artifact) → instrument, `music genre`
///    (noun.communication) → genre, `musical notation` (noun.communication) → notation, `tempo`+`pacing`
///    (noun.time) → tempo, `musical composition` (noun.communication) → form, and `volume`+`loudness`
///    (noun.attribute) → dynamics (only for synsets already in the domain).
/// 2. A synset is in the music domain when its hypernym closure (`@` and `@i`, transitively) reaches a domain
///    anchor, or when one of its topic-domain pointers (`;c`) targets a synset whose closure does
///    (e.g. `staccato` → `music`, `bebop` → `jazz`).
/// 3. A music-domain synset's type is the first match in: composer, instrument, genre, notation, tempo, dynamics,
///    form; otherwise general. Synsets outside the domain are general.
/// Cost: one memoized walk per synset over the hypernym DAG, O(synsets + pointers) overall.
struct WordNetMusicClassifier {
    private struct Anchor {
        let lemmas: [String]
        let lexicographerFile: String
        let mark: Marks
    }

    private struct Marks: OptionSet, Hashable {
        let rawValue: UInt16
        static let music = Marks(rawValue: 1 << 0)
        static let musician = Marks(rawValue: 1 << 1)
        static let composer = Marks(rawValue: 1 << 2)
        static let instrument = Marks(rawValue: 1 << 3)
        static let genre = Marks(rawValue: 1 << 4)
        static let notation = Marks(rawValue: 1 << 5)
        static let tempo = Marks(rawValue: 1 << 6)
        static let composition = Marks(rawValue: 1 << 7)
        static let loudness = Marks(rawValue: 1 << 8)
        /// Marks that by themselves put a synset in the music domain (loudness does not: "noise level" is not music).
        static let domain: Marks = [.music, .musician, .composer, .instrument, .genre, .notation, .tempo, .composition]
    }

    private static let anchors: [Anchor] = [
        Anchor(lemmas: ["music"], lexicographerFile: "noun.communication", mark: .music),
        Anchor(lemmas: ["music"], lexicographerFile: "noun.act", mark: .music),
        Anchor(lemmas: ["musician"], lexicographerFile: "noun.person", mark: .musician),
        Anchor(lemmas: ["composer"], lexicographerFile: "noun.person", mark: .composer),
        Anchor(lemmas: ["musical instrument"], lexicographerFile: "noun.artifact", mark: .instrument),
        Anchor(lemmas: ["music genre"], lexicographerFile: "noun.communication", mark: .genre),
        Anchor(lemmas: ["musical notation"], lexicographerFile: "noun.communication", mark: .notation),
        Anchor(lemmas: ["tempo", "pacing"], lexicographerFile: "noun.time", mark: .tempo),
        Anchor(lemmas: ["musical composition"], lexicographerFile: "noun.communication", mark: .composition),
        Anchor(lemmas: ["volume", "loudness"], lexicographerFile: "noun.attribute", mark: .loudness),
    ]

    /// Per synset: whether it is in the music domain and its suggested type.
    private(set) var classification: [WordNetSynsetID: (isMusic: Bool, category: WordNetTermCategory)] = [:]

    /// Classifies every synset of `synsets` (which should be the whole corpus: anchors are looked up in it).
    init(synsets: [WordNetSynsetID: WordNetSynset]) {
        var anchorMarks: [WordNetSynsetID: Marks] = [:]
        let anchorFiles = Set(Self.anchors.map(\.lexicographerFile))
        for synset in synsets.values where anchorFiles.contains(synset.lexicographerFileName) {
            let lemmas = Set(synset.lemmas.map { $0.lowercased() })
            for anchor in Self.anchors
            where synset.lexicographerFileName == anchor.lexicographerFile && anchor.lemmas.allSatisfy(lemmas.contains) {
                anchorMarks[synset.id, default: []].insert(anchor.mark)
            }
        }

        var closure: [WordNetSynsetID: Marks] = [:]
        func marks(of id: WordNetSynsetID) -> Marks {
            if let known = closure[id] { return known }
            closure[id] = []  // Guards against a cycle in damaged data; WordNet's hypernym graph is acyclic.
            var result = anchorMarks[id] ?? []
            if let synset = synsets[id] {
                for pointer in synset.pointers where pointer.kind.isHypernym {
                    result.formUnion(marks(of: pointer.target))
                }
            }
            closure[id] = result
            return result
        }

        var classification: [WordNetSynsetID: (isMusic: Bool, category: WordNetTermCategory)] = [:]
        classification.reserveCapacity(synsets.count)
        for (id, synset) in synsets {
            let own = marks(of: id)
            var isMusic = !own.isDisjoint(with: .domain)
            if !isMusic {
                isMusic = synset.pointers.contains { pointer in
                    pointer.kind == .domainTopic && !marks(of: pointer.target).isDisjoint(with: .domain)
                }
            }
            classification[id] = (isMusic, isMusic ? Self.category(for: own) : .general)
        }
        self.classification = classification
    }

    private static func category(for marks: Marks) -> WordNetTermCategory {
        if marks.contains(.composer) { return .composer }
        if marks.contains(.instrument) { return .instrument }
        if marks.contains(.genre) { return .genre }
        if marks.contains(.notation) { return .notation }
        if marks.contains(.tempo) { return .tempo }
        if marks.contains(.loudness) { return .dynamics }
        if marks.contains(.composition) { return .form }
        return .general
    }
}
