package import DictEmbedding
package import DictionaryCore
import Foundation

/// How `dict embed` takes a model's `QueryLanguageShifts`: for each language other than English, up to
/// `perLanguage` entries translated from English (`metadata.translation_of`, the first by entry id, random UUIDs)
/// paired with their English originals, both concise definitions embedded as queries; the shift is the mean of the
/// differences. Parallel texts keep the topic out of the shift: a mean of each language's own definitions (tried
/// first) carried the glossary's music topic in German and WordNet's everything in English, and on the WordNet
/// directory it cost the multilingual descriptions (tuning half) a third of their acc@10 instead of adding to it.
package enum LanguageShiftSample {
    /// Pairs sampled per language.
    package static let perLanguage = 1_000

    /// The fewest pairs a language needs for a shift; the glossary holds 64 per language.
    package static let minimumPairs = 50

    /// Texts embedded per call.
    static let batchSize = 32

    /// One translated definition and its English original's.
    package struct Pair: Sendable, Equatable {
        package var text: String
        package var english: String

        package init(text: String, english: String) { self.text = text; self.english = english }
    }

    /// The models whose queries are shifted: those keeping each language apart in one space.
    package static func shiftsQueries(_ model: SemanticModel) -> Bool { model == .multilingualE5 }

    /// Each language's mean difference over its `pairs` (pairs with an empty text skipped; a language with fewer
    /// than `minimumPairs` left is absent) and how many pairs it averages, embedded by `embedder` (the model's query
    /// embedder).
    package static func shifts(of pairs: [Language: [Pair]], embedder: any Embedder) throws -> [Language: (shift: [Float], count: Int)] {
        var result: [Language: (shift: [Float], count: Int)] = [:]
        for (language, all) in pairs where language != .en {
            let kept = all.filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                && !$0.english.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            guard kept.count >= minimumPairs else { continue }
            var sum = [Double](repeating: 0, count: embedder.dimension)
            var start = 0
            while start < kept.count {
                let batch = kept[start..<min(start + batchSize, kept.count)]
                let translated = try embedder.embed(batch.map(\.text)), english = try embedder.embed(batch.map(\.english))
                for (a, b) in zip(translated, english) where a.count == sum.count && b.count == sum.count {
                    for i in 0..<sum.count { sum[i] += Double(a[i] - b[i]) }
                }
                start += batchSize
            }
            result[language] = (sum.map { Float($0 / Double(kept.count)) }, kept.count)
        }
        return result
    }
}
