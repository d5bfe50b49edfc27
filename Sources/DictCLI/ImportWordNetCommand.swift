import ArgumentParser
import DictMigrations
import DictPostgres
import DictionaryCore
import DictionaryImport
import DictionarySearch
import Foundation

/// `dict import wordnet`: WordNet 3.0 from Debian's wordnet-base package as English entries.
struct ImportWordNetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wordnet",
        abstract: "Import WordNet 3.0 (about 117,000 synsets, 147,000 lemmas) as English entries.",
        discussion: """
            Reads data.noun, data.verb, data.adj and data.adv (and the index files for sense order) from Debian's \
            wordnet-base package. Install it first with:  apt-get install -y wordnet-base
            Each lemma becomes an entry; each of its synsets a sense with part of speech, gloss and examples; synonyms \
            and related terms come from WordNet's pointers. Entries that already exist (e.g. from the glossary) are kept \
            unless --on-existing replace is given. The import is one transaction: all or nothing.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption

    @Option(help: "Folder holding the WordNet data.* files.")
    var directory: String = "/usr/share/wordnet"

    @Option(name: .customLong("on-existing"), help: "What to do with a term that already exists: skip | replace | fail.")
    var onExisting: String = "skip"

    func run() async throws {
        let policy = try ImportOptions.existingPolicy(onExisting)
        let started = Date()
        do {
            let reader = WordNetReader(directory: directory)
            guard reader.dataFilesExist else {
                printError("WordNet data files not found in \(directory); install them with: apt-get install -y wordnet-base")
                throw ExitStatus.dataError
            }
            if !global.json { FileHandle.standardError.write(Data("reading WordNet from \(directory)…\n".utf8)) }
            let lexicon = try WordNetLexicon.load(reader: reader)
            if !global.json {
                FileHandle.standardError.write(Data("writing \(lexicon.count) lemmas from \(lexicon.synsetCount) synsets in one transaction…\n".utf8))
            }
            let report: WordNetImporter.Report
            var frequencies = 0
            if let postgres = try database.location() {
                (report, frequencies) = try await Service.dictionary.withPostgres(postgres) { session in
                    let report = try await WordNetImporter(store: PostgresEntryImportStore(session: session, method: Self.bulkMethod()))
                        .importLexicon(lexicon, onExisting: policy)
                    let frequencyStore = PostgresWordFrequencyStore(session: session)
                    guard try await frequencyStore.wordCount(language: .en) == 0, let directory = WordFrequencyImporter.defaultDirectory() else {
                        return (report, 0)
                    }
                    return (report, try await frequencyStore.importDirectory(directory).reduce(0) { $0 + $1.1 })
                }
            } else {
                let database = try Service.dictionary.open(dataDirectory: global.dataDirectory)
                report = try await WordNetImporter(repository: EntryRepository(database: database)).importLexicon(lexicon, onExisting: policy)
                // Ranking needs word frequencies; load the installed lists once, when none are loaded yet.
                let frequencyImporter = WordFrequencyImporter(database: database)
                if try frequencyImporter.wordCount(language: .en) == 0, let directory = WordFrequencyImporter.defaultDirectory() {
                    frequencies = try frequencyImporter.importDirectory(directory).reduce(0) { $0 + $1.1 }
                }
            }
            let seconds = Date().timeIntervalSince(started)
            if global.json {
                let body: [String: Any] = ["lemmas": report.lemmas, "entries_written": report.stored, "music_domain": report.musicDomain,
                                           "relations_created": report.relationsCreated, "unresolved_names": report.unresolvedNames,
                                           "word_frequencies": frequencies,
                                           "seconds": (seconds * 10).rounded() / 10]
                print(String(decoding: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self))
            } else {
                print("imported \(report.stored) of \(report.lemmas) WordNet lemmas (\(report.musicDomain) music-domain) and \(report.relationsCreated) relations in \(String(format: "%.1f", seconds)) s")
                if frequencies > 0 { print("imported \(frequencies) word frequencies from \(WordFrequencyImporter.defaultDirectoryName)") }
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
    }

    /// `DICT_POSTGRES_BULK_METHOD=insert` writes with batched multi-row inserts instead of COPY (for the benchmark
    /// that compares them).
    static func bulkMethod() throws -> PostgresEntryImportStore.BulkMethod {
        guard let value = ProcessInfo.processInfo.environment["DICT_POSTGRES_BULK_METHOD"], !value.isEmpty else { return .copy }
        guard let method = PostgresEntryImportStore.BulkMethod(rawValue: value) else {
            throw ValidationError("DICT_POSTGRES_BULK_METHOD must be copy or insert, found \"\(value)\"")
        }
        return method
    }
}
