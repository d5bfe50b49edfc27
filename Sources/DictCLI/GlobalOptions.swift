import ArgumentParser

/// Options every reporting subcommand takes: `--data-dir` and `--json`.
struct GlobalOptions: ParsableArguments {
    @OptionGroup var location: DataDirectoryOption

    @Flag(name: .customLong("json"), help: "Print machine-readable JSON instead of tables.")
    var json = false

    /// The data directory after the flag → environment → default rule.
    var dataDirectory: String { location.path }
}
