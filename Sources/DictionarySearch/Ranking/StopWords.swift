/// English function words that carry no meaning of their own in a description ("something *that* you use *to*
/// keep dry"). Lexical search leaves them out of full-text matching (so `a`, `the` and `of` do not match most of
/// the dictionary), and the ranker leaves them out of word-overlap features. A query made only of them keeps them.
enum StopWords {
    static let english: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "by", "and", "or", "is", "are", "was", "were",
        "be", "been", "being", "am", "that", "this", "these", "those", "you", "your", "yours", "yourself", "it", "its",
        "who", "whom", "whose", "which", "what", "when", "where", "why", "how", "something", "someone", "somebody",
        "anything", "anyone", "anybody", "thing", "things", "very", "from", "into", "out", "up", "down", "over",
        "under", "can", "could", "do", "does", "did", "make", "makes", "made", "one", "ones", "about", "as", "if", "so",
        "than", "then", "there", "their", "they", "them", "he", "she", "his", "her", "him", "we", "our", "us", "i",
        "me", "my", "have", "has", "had", "will", "would", "should", "may", "might", "must", "just", "also", "all",
        "any", "each", "every", "some", "such", "more", "most", "other", "another", "own", "same", "too", "way",
        "get", "gets", "got", "use", "used", "using", "word", "words", "term", "called", "like", "kind", "sort",
    ]

    /// True when `token` (lower-cased) is an English function word.
    static func contains(_ token: String) -> Bool { english.contains(token) }
}
