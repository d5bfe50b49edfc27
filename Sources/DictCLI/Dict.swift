import ArgumentParser
import DictPostgres
import DictServer
import DictVectors
import Foundation

/// The `dict` command: a music-terminology dictionary with exact, lexical, semantic and hybrid search.
@main
struct Dict: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dict",
        abstract: "Music-terminology dictionary: search, embeddings, imports and the HTTP service.",
        version: DictHTTPServer.version,
        subcommands: [
            MigrateCommand.self,
            BookmarkCommand.self,
            ExportCommand.self,
            ScoresCommand.self,
            SyncCommand.self,
            SearchCommand.self,
            LookupCommand.self,
            ImportCommand.self,
            QueueCommand.self,
            EmbedCommand.self,
            EmbedTextCommand.self,
            BenchCommand.self,
            EvalCommand.self,
            AnalyticsCommand.self,
            DoctorCommand.self,
            ServeCommand.self,
        ]
    )

    /// Argument-parser's own usage errors exit 64 with a multi-line message; the README promises 2 and one
    /// `dict: …` line for every usage error, so parse failures are reported here. Help and `--version` (clean
    /// exits) and our own `ExitCode`s pass through unchanged.
    static func main() async {
        // dict runs its own threads (`--threads`) over one-thread BLAS calls: a 1,024-query batch scan with its
        // sgemm tiles split over our two threads ran at 0.91-0.95x a two-thread sgemm, with OpenBLAS's own pool
        // on each tile at 0.60-0.73x (dict bench vectors, 100k and 1M x 384). An explicit
        // OPENBLAS_NUM_THREADS is the user's choice and is kept.
        if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil { BLASInfo.useThreads(1) }
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exitReportingUsage(error)
        }
    }

    /// Exits for `error`: usage errors as one line and status 2, everything else as argument-parser does.
    static func exitReportingUsage(_ error: any Error) -> Never {
        guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
        let message = self.message(for: error)
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: " ")
        printError(message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message)
        Foundation.exit(ExitStatus.usage.rawValue)
    }
}
