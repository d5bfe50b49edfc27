/// A deliberately light English suffix stripper, for matching word families in ranking features ("sleeping" and
/// "sleep", "tidily" and "tidy"): it removes one common inflectional or derivational ending and keeps at least
/// three letters. It is not a linguistic stemmer (Porter would also merge "university" and "universe"); the ranker
/// only needs "same word family or not" for a handful of query words.
enum LightStemmer {
    /// Endings tried longest first.
    private static let suffixes = ["ness", "ment", "less", "ing", "ies", "ied", "ful", "ed", "es", "ly", "er", "s", "y"]

    /// The stem of a lower-cased word.
    static func stem(_ word: String) -> String {
        for suffix in suffixes where word.hasSuffix(suffix) {
            let stem = String(word.dropLast(suffix.count))
            if stem.count >= 3 { return stem }
        }
        return word
    }
}
