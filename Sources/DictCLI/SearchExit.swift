import ArgumentParser
import DictionarySearch

/// How `dict search` and `dict lookup` end when the search fails: a request the service refuses is a usage error
/// (exit 2, its message on one line), an unreadable database a data error (exit 3); exit codes and usage errors
/// already decided pass through.
enum SearchExit {
    static func mapping<T>(_ command: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SearchError {
            printError("\(error)")
            throw ExitStatus.usage
        } catch let exit as ExitCode {
            throw exit
        } catch let error as ValidationError {
            throw error
        } catch {
            printError("\(command) failed: \(error)")
            throw ExitStatus.dataError
        }
    }
}
