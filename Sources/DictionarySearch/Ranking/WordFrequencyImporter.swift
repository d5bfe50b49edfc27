package import DictStore
package import DictionaryCore
import Foundation
import GRDB

/// Loads word-frequency lists into `word_frequencies`: one `word<TAB>zipf` line per word (Zipf scale, log10 of
/// occurrences per billion words, 0…10), one file per language named `<lang>.tsv`
/// (`models/install-wordfreq.sh` writes them from the wordfreq lists). Words are stored under
/// `TermNormalizer.normalize`, the key of `dictionary_entries.normalized_term`. Each file replaces its language's
/// rows in one transaction; a bad line refuses the whole file and names it.
package struct WordFrequencyImporter: Sendable {
    package let database: StoreDatabase

    package init(database: StoreDatabase) { self.database = database }

    /// Where `install-wordfreq.sh` puts the lists, relative to the working directory or to an ancestor of the
    /// executable (as the model folder is found).
    package static let defaultDirectoryName = "models/wordfreq"

    /// The default lists folder if one exists: `models/wordfreq` under the working directory, else under any
    /// ancestor of the `dict` executable.
    package static func defaultDirectory() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath]
        var executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(executable.path)
            executable.deleteLastPathComponent()
        }
        return candidates.map { ($0 as NSString).appendingPathComponent(defaultDirectoryName) }
            .first { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("en.tsv")) }
    }

    /// Imports every `<lang>.tsv` of `directory`; returns the words stored per language.
    package func importDirectory(_ directory: String) throws -> [(Language, Int)] {
        try Self.lists(in: directory).map { list in (list.language, try importList(at: list.path, language: list.language)) }
    }

    /// The `<lang>.tsv` files of `directory` with their languages, sorted by name; none, or a file named after no
    /// language, is an error naming it.
    package static func lists(in directory: String) throws -> [(language: Language, path: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let files = names.filter { $0.hasSuffix(".tsv") }.sorted()
        guard !files.isEmpty else { throw WordFrequencyImportError.noLists(searched: directory) }
        return try files.map { name in
            let path = (directory as NSString).appendingPathComponent(name)
            let code = String(name.dropLast(4))
            guard let language = Language(code: code) else { throw WordFrequencyImportError.unknownLanguage(file: path, found: code) }
            return (language, path)
        }
    }

    /// The normalized words and values of the list at `path`, checked line by line (the first bad line is named).
    package static func readList(at path: String) throws -> [String: Double] {
        guard let data = FileManager.default.contents(atPath: path) else { throw WordFrequencyImportError.unreadable(file: path) }
        let words = try parse(data, file: path)
        guard !words.isEmpty else { throw WordFrequencyImportError.emptyList(file: path) }
        return words
    }

    /// How many words of `language` have a frequency.
    package func wordCount(language: Language) throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM word_frequencies WHERE lang = ?", arguments: [language.rawValue]) ?? 0
        }
    }

    /// Replaces `language`'s frequencies with the list at `path`. Returns how many words were stored.
    package func importList(at path: String, language: Language) throws -> Int {
        let words = try Self.readList(at: path)
        try database.write { db in
            try db.execute(sql: "DELETE FROM word_frequencies WHERE lang = ?", arguments: [language.rawValue])
            let statement = try db.makeStatement(sql: "INSERT INTO word_frequencies (lang, word, zipf) VALUES (?, ?, ?)")
            for (word, zipf) in words {
                try statement.execute(arguments: [language.rawValue, word, zipf])
            }
        }
        return words.count
    }

    /// The words of a list, normalized; a word listed twice (or normalizing alike) keeps its highest value.
    static func parse(_ data: Data, file: String) throws -> [String: Double] {
        var words: [String: Double] = [:]
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty || (line.count == 1 && line.first == UInt8(ascii: "\r")) { continue }
            func invalid(_ expected: String, _ found: String) -> WordFrequencyImportError {
                .invalidLine(file: file, line: lineNumber, expected: expected, found: found)
            }
            guard let text = String(validating: line, as: UTF8.self) else { throw invalid("UTF-8 text", "invalid UTF-8") }
            let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else { throw invalid("word<TAB>zipf", "\(fields.count) tab-separated field(s)") }
            let word = TermNormalizer.normalize(String(fields[0]))
            guard (1...200).contains(word.count) else { throw invalid("a word of 1…200 characters", "\(word.count) characters") }
            let number = fields[1].trimmingCharacters(in: .whitespacesAndNewlines)
            guard let zipf = Double(number), zipf.isFinite, (0...10).contains(zipf) else {
                throw invalid("a Zipf value in 0…10", "\"\(number.prefix(20))\"")
            }
            words[word] = max(words[word] ?? 0, zipf)
        }
        return words
    }
}
