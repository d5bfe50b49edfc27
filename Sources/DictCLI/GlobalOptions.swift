import ArgumentParser
import DictMigrations

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Folder holding dictionary.db, scores.db and api.db (default: $DICT_DATA_DIR or ./.dict).")
    var dataDir: String?

    @Flag(name: .customLong("json"), help: "Print machine-readable JSON instead of tables.")
    var json = false

    /// The data directory after the flag → environment → default rule.
    var dataDirectory: String { DataDirectory.resolve(flag: dataDir) }
}
