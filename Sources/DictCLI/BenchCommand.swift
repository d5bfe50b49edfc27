import ArgumentParser

/// `dict bench`: performance benchmarks. Each benchmark is a subcommand (`vectors`, …); build with
/// `swift build -c release` first, debug numbers are meaningless.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run performance benchmarks (use a release build).",
        subcommands: [
            VectorsBenchCommand.self,
            BenchEmbedCommand.self,
            BenchSearchCommand.self,
            BenchPostgresCommand.self,
        ]
    )
}
