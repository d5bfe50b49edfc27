import ArgumentParser

/// The `dict` command: a music-terminology dictionary with exact, lexical, semantic and hybrid search.
@main
struct Dict: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dict",
        abstract: "Music-terminology dictionary: search, embeddings, imports and the HTTP service.",
        version: "0.1.0",
        subcommands: [
            MigrateCommand.self,
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
}
