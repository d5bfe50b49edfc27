import ArgumentParser
import DictMigrations

/// `--data-dir`, alone: for commands whose output is not a report (`dict serve`), where `--json` would do nothing.
struct DataDirectoryOption: ParsableArguments {
    @Option(
        name: .customLong("data-dir"), help: "Folder holding dictionary.db, scores.db and api.db (default: $DICT_DATA_DIR or ./.dict).",
        completion: .directory)
    var dataDir: String?

    /// The data directory after the flag → environment → default rule.
    var path: String { DataDirectory.resolve(flag: dataDir) }

    /// `path`, under the name `GlobalOptions` gives it.
    var dataDirectory: String { path }
}
