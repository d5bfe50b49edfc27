import ArgumentParser
import DictMigrations
import DictStore
import DictionaryGeneration
import DictionaryQueues
import Foundation

/// `dict queue`: the seed queue, manual review, dead letters and the token budget.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Seed-queue processing: enqueue and import terms, run workers, review, dead letters, token budget.",
        subcommands: [
            QueueStatusCommand.self, QueueRunCommand.self, QueueEnqueueCommand.self, QueueImportCommand.self,
            QueueReviewCommand.self, QueueDLQCommand.self, QueueBudgetCommand.self, QueuePurgeCommand.self,
        ]
    )
}

/// Options shared by the queue subcommands that need the queue configuration.
struct QueueConfigurationOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "Queue configuration JSON (default: <data-dir>/queue.json if present).")
    var configPath: String?

    /// The configuration: defaults, file, environment, then `overrides`.
    func load(dataDirectory: String, overrides: QueueConfiguration.Overrides = .init()) throws -> QueueConfiguration {
        let file: URL? = configPath.map { URL(fileURLWithPath: $0) }
            ?? (dataDirectory == ":memory:" ? nil
                : URL(fileURLWithPath: dataDirectory).appendingPathComponent(QueueConfiguration.fileName))
        do {
            return try QueueConfiguration.load(file: file, overrides: overrides)
        } catch {
            printError("\(error)")
            throw ExitStatus.usage
        }
    }
}

/// Opens the dictionary database, mapping failures to exit code 3.
func openDictionary(_ global: GlobalOptions) throws -> StoreDatabase {
    do {
        return try Service.dictionary.open(dataDirectory: global.dataDirectory)
    } catch {
        printError("dictionary database: \(error)")
        throw ExitStatus.dataError
    }
}

/// Runs `body`, printing a queue or database error as one line and exiting with the matching status
/// (1 for a missing item, 2 for invalid input, 3 for data errors).
func queueAction<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw queueExit(for: error)
    }
}

/// `queueAction` for work on PostgreSQL.
func queueAction<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        throw queueExit(for: error)
    }
}

/// The exit for `error`, printed as one line unless it is an exit already.
private func queueExit(for error: any Error) -> any Error {
    if let exit = error as? ExitCode { return exit }
    printError("\(error)")
    guard let error = error as? QueueError else { return ExitStatus.dataError }
    switch error {
    case .itemNotFound, .deadLetterNotFound, .reviewNotFound: return ExitStatus.notFound
    case .emptyTerm, .termTooLong, .unsupportedLanguage, .noLanguages, .invalidPriority, .invalidModifications,
         .importLimitExceeded, .importEmpty: return ExitStatus.usage
    default: return ExitStatus.dataError
    }
}

/// Prints `value` as sorted, pretty JSON.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
