import ArgumentParser
import DictMigrations
import DictionaryCore
import DictionarySearch
import Foundation

/// `dict import frequencies [PATH…]`: word-frequency lists for search ranking (`word_frequencies`).
struct ImportFrequenciesCommand: ParsableCommand {
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

    @Argument(help: "Folders of <lang>.tsv files, or single .tsv files.")
    var paths: [String] = []

    @Option(help: "Language of a single file not named after its language.")
    var lang: String?

    func run() throws {
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
            let importer = WordFrequencyImporter(database: try Service.dictionary.open(dataDirectory: global.dataDirectory))
            var imported: [(Language, Int)] = []
            for path in sources {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    imported += try importer.importDirectory(path)
                } else {
                    let code = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                    guard let fileLanguage = language ?? Language(code: code) else {
                        throw WordFrequencyImportError.unknownLanguage(file: path, found: code)
                    }
                    imported.append((fileLanguage, try importer.importList(at: path, language: fileLanguage)))
                }
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
