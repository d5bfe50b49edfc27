import ArgumentParser

/// `dict bench`: runs a benchmark and prints its table (or JSON).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run benchmarks (build with -c release for meaningful numbers).",
        subcommands: [BenchEmbedCommand.self]
    )
}
