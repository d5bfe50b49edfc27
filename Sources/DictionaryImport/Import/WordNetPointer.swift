/// One pointer of a synset: a semantic relation (between synsets) or a lexical one (between two specific words).
package struct WordNetPointer: Sendable, Hashable {
    /// What the pointer means, e.g. hypernym or antonym.
    package var kind: WordNetPointerKind
    /// The synset pointed to.
    package var target: WordNetSynsetID
    /// The target's part of speech as written in the pointer (`a` and `s` are kept apart).
    package var targetPartOfSpeech: WordNetPartOfSpeech
    /// 1-based word number in the source synset, or 0 for a semantic pointer (whole synset).
    package var sourceWord: Int
    /// 1-based word number in the target synset, or 0 for a semantic pointer (whole synset).
    package var targetWord: Int

    /// Creates a pointer.
    package init(kind: WordNetPointerKind, target: WordNetSynsetID, targetPartOfSpeech: WordNetPartOfSpeech,
                sourceWord: Int, targetWord: Int) {
        self.kind = kind
        self.target = target
        self.targetPartOfSpeech = targetPartOfSpeech
        self.sourceWord = sourceWord
        self.targetWord = targetWord
    }

    /// True when the pointer links two specific words rather than two whole synsets.
    package var isLexical: Bool { sourceWord != 0 || targetWord != 0 }
}
