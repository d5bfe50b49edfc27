import Foundation

/// Resolves the data directory every `dict` subcommand uses: `--data-dir`, else `DICT_DATA_DIR`, else `./.dict`.
package enum DataDirectory {
    /// The default folder, relative to the working directory.
    package static let defaultPath = ".dict"
    /// The environment variable consulted when no flag is given.
    package static let environmentVariable = "DICT_DATA_DIR"

    /// The directory to use given an optional flag value and the process environment.
    package static func resolve(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let value = environment[environmentVariable], !value.isEmpty { return value }
        return defaultPath
    }
}
