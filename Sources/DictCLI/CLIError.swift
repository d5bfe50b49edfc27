import ArgumentParser
import Foundation

/// Exit codes of every `dict` subcommand: 0 ok, 1 not found / no results, 2 usage, 3 data or database error.
enum ExitStatus {
    static let notFound = ExitCode(1)
    static let usage = ExitCode(2)
    static let dataError = ExitCode(3)
}

/// Prints one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("dict: \(message.replacingOccurrences(of: "\n", with: " "))\n".utf8))
}
