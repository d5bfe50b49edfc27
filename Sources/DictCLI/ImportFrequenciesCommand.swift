import ArgumentParser
import DictMigrations
import DictPostgres
import DictionaryCore
import DictionarySearch
import Foundation

/// `dict import frequencies [PATH…]`: word-frequency lists for search ranking (`word_frequencies`).
struct ImportFrequenciesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frequencies",
        abstract: "Import word-frequency lists (word<TAB>zipf per line, one <lang>.tsv per language) for search ranking.",
        discussion: """
            Default: every <lang>.tsv in models/wordfreq (written by bash models/install-wordfreq.sh from the PyPI \
            package wordfreq). A folder imports each <lang>.tsv in it; a file needs --lang unless it is named after \
            its language. Each file replaces its language's frequencies in one transaction; a bad line refuses the file \
            with its line number. Semantic and hybrid search use the frequencies as a prior (docs/search.md); \
            `dict import wordnet` imports the default lists by itself when none are loaded.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption

    @Argument(help: "Folders of <lang>.tsv files, or single .tsv files.")
    var paths: [String] = []

    @Option(help: "Language of a single file not named after its language.")
    var lang: String?

    func run() async throws {
        let language: Language?
        if let lang {
            guard let parsed = Language(code: lang) else {
                printError("--lang: expected one of \(Language.allCases.map(\.rawValue).joined(separator: ", ")), found \(lang)")
                throw ExitStatus.usage
            }
            language = parsed
        } else {
            language = nil
        }
        var sources = paths
        if sources.isEmpty {
            guard let directory = WordFrequencyImporter.defaultDirectory() else {
                printError("\(WordFrequencyImportError.noLists(searched: WordFrequencyImporter.defaultDirectoryName))")
                throw ExitStatus.dataError
            }
            sources = [directory]
        }
        do {
            // Each source as (language, list path): a folder's <lang>.tsv files, or a file named after its language.
            var lists: [(language: Language, path: String)] = []
            for path in sources {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    lists += try WordFrequencyImporter.lists(in: path)
                } else {
                    let code = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                    guard let fileLanguage = language ?? Language(code: code) else {
                        throw WordFrequencyImportError.unknownLanguage(file: path, found: code)
                    }
                    lists.append((fileLanguage, path))
                }
            }
            var imported: [(Language, Int)] = []
            if let postgres = try database.location() {
                imported = try await Service.dictionary.withPostgres(postgres) { session in
                    var imported: [(Language, Int)] = []
                    for list in lists {
                        let words = try WordFrequencyImporter.readList(at: list.path)
                        imported.append((list.language, try await PostgresWordFrequencyStore(session: session).replace(language: list.language, words: words)))
                    }
                    return imported
                }
            } else {
                let importer = WordFrequencyImporter(database: try Service.dictionary.open(dataDirectory: global.dataDirectory))
                imported = try lists.map { ($0.language, try importer.importList(at: $0.path, language: $0.language)) }
            }
            if global.json {
                let body = Dictionary(imported.map { ($0.0.rawValue, $0.1) }, uniquingKeysWith: { $1 })
                print(String(decoding: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self))
            } else {
                for (language, count) in imported { print("imported \(count) word frequencies for \(language.rawValue)") }
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
    }
}
