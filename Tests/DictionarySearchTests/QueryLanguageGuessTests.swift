import DictionaryCore
import Foundation
import Testing
@testable import DictionarySearch


private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The queries of the tuning halves (and the WordNet query set), with the language each is written in.
private func tuningQueries() throws -> [(text: String, lang: String)] {
    let files = ["everyday-tune", "typed-tune", "glossary-tune", "glossary-multilingual-tune", "glossary-crosslingual-tune", "wordnet-queries"]
    return try files.flatMap { name -> [(text: String, lang: String)] in
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("data/eval/\(name).jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let query = try JSONDecoder().decode(EvaluationQuery.self, from: Data(line.utf8))
            return (query.query, query.lang ?? "en")
        }
    }
}

@Suite("Guessing an unstated query language")
struct QueryLanguageGuessTests {
    @Test("No English query of the tuning halves is taken for another language; most Spanish, French and German ones are named")
    func tuningHalves() throws {
        let queries = try tuningQueries()
        let english = queries.filter { $0.lang == "en" }
        #expect(english.count > 500)
        let misread = english.filter { QueryLanguageGuess.language(of: $0.text) != nil }
        #expect(misread.isEmpty, "\(misread.prefix(5))")
        let latin = queries.filter { ["es", "fr", "de"].contains($0.lang) }
        let named = latin.filter { QueryLanguageGuess.language(of: $0.text)?.rawValue == $0.lang }
        let wrong = latin.filter { guess in QueryLanguageGuess.language(of: guess.text).map { $0.rawValue != guess.lang } ?? false }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        #expect(Double(named.count) >= 0.9 * Double(latin.count), "\(named.count) of \(latin.count)")
        let chinese = queries.filter { $0.lang.hasPrefix("zh") }
        let variants = chinese.filter { QueryLanguageGuess.chineseVariant(of: $0.text)?.rawValue == $0.lang }
        let swapped = chinese.filter { guess in QueryLanguageGuess.chineseVariant(of: guess.text).map { $0.rawValue != guess.lang } ?? false }
        #expect(swapped.isEmpty, "\(swapped.prefix(5))")
        #expect(Double(variants.count) >= 0.8 * Double(chinese.count), "\(variants.count) of \(chinese.count)")
    }

    @Test("Typed Italian terms, single words, English and mixed texts are not guessed; clear descriptions are")
    func examples() {
        for text in ["con sordino e con fuoco", "con la voce", "la donna è mobile", "ma non troppo", "allegro", "crescendo",
                     "die", "the die is cast", "what does con moto mean", "", "¿?", "1234 5678"] {
            #expect(QueryLanguageGuess.language(of: text) == nil, "\(text)")
        }
        #expect(QueryLanguageGuess.language(of: "die Musik wird nach und nach immer lauter") == .de)
        #expect(QueryLanguageGuess.language(of: "la música va subiendo de volumen poco a poco") == .es)
        #expect(QueryLanguageGuess.language(of: "le son devient de plus en plus fort") == .fr)
        #expect(QueryLanguageGuess.chineseVariant(of: "音量逐渐增强") == .zhCN)
        #expect(QueryLanguageGuess.chineseVariant(of: "音量逐漸增強") == .zhTW)
        #expect(QueryLanguageGuess.chineseVariant(of: "音量") == nil, "characters both scripts share")
    }
}
