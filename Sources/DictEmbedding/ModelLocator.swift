import Foundation

/// Finds a model folder. Order: an explicit path, then the environment variable (`$DICT_MODEL_DIR` for MiniLM), then
/// the model's relative path (`models/all-MiniLM-L6-v2`) under the current directory, then the same relative path
/// under each ancestor of the running executable (so `.build/release/dict` finds the package's `models/` folder).
/// A folder counts when it holds the marker file (`config.json` for MiniLM). `ModelLocator.multilingualE5(…)`
/// finds `models/multilingual-e5-small` (marker `e5-small-q4.bin`, variable `DICT_E5_MODEL_DIR`).
package struct ModelLocator: Sendable {
    /// The folder name under `models/` and the relative path searched from the current directory and the executable.
    package static let relativeModelPath = "models/all-MiniLM-L6-v2"
    /// The environment variable naming a model folder.
    package static let environmentVariable = "DICT_MODEL_DIR"

    /// Explicit folder (a `--model-dir` flag), tried first and exclusively when set.
    package var explicitPath: String?
    /// The environment to read `DICT_MODEL_DIR` from.
    package var environment: [String: String]
    /// The current directory.
    package var currentDirectory: String
    /// The running executable's path, whose ancestors are searched last.
    package var executablePath: String?
    /// The folder's path relative to the package root (`models/all-MiniLM-L6-v2`).
    package var relativePath: String = Self.relativeModelPath
    /// The file whose presence makes a folder count (`config.json`).
    package var markerFile: String = "config.json"
    /// The environment variable naming the folder (`DICT_MODEL_DIR`).
    package var environmentVariableName: String = Self.environmentVariable

    /// A locator over the process's environment, current directory and executable, with an optional explicit path.
    package init(explicitPath: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                currentDirectory: String = FileManager.default.currentDirectoryPath,
                executablePath: String? = Bundle.main.executablePath ?? CommandLine.arguments.first) {
        self.explicitPath = explicitPath
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.executablePath = executablePath
    }

    /// A locator for the multilingual-e5-small folder (`models/multilingual-e5-small`, holding `e5-small-q4.bin`;
    /// `$DICT_E5_MODEL_DIR` overrides, since `$DICT_MODEL_DIR` names the MiniLM folder).
    package static func multilingualE5(explicitPath: String? = nil,
                                      environment: [String: String] = ProcessInfo.processInfo.environment,
                                      currentDirectory: String = FileManager.default.currentDirectoryPath,
                                      executablePath: String? = Bundle.main.executablePath ?? CommandLine.arguments.first) -> ModelLocator {
        var locator = ModelLocator(explicitPath: explicitPath, environment: environment, currentDirectory: currentDirectory,
                                   executablePath: executablePath)
        locator.relativePath = MultilingualE5Embedder.relativeModelPath
        locator.markerFile = E5ModelFile.fileName
        locator.environmentVariableName = "DICT_E5_MODEL_DIR"
        return locator
    }

    /// The candidate folders in search order. An explicit path or `DICT_MODEL_DIR` is the only candidate when given,
    /// so a mistyped flag fails loudly instead of silently loading another copy.
    package var candidates: [String] {
        if let explicitPath, !explicitPath.isEmpty { return [absolute(explicitPath)] }
        if let fromEnvironment = environment[environmentVariableName], !fromEnvironment.isEmpty {
            return [absolute(fromEnvironment)]
        }
        var result = [absolute(relativePath)]
        if let executablePath {
            var directory = URL(fileURLWithPath: absolute(executablePath)).resolvingSymlinksInPath().deletingLastPathComponent()
            while true {
                result.append(directory.appendingPathComponent(relativePath).path)
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }

    /// The first candidate holding the marker file, if any.
    package func firstMatch() -> String? {
        candidates.first { FileManager.default.fileExists(atPath: $0 + "/" + markerFile) }
    }

    /// The first candidate holding `config.json`.
    /// - Throws: `ModelError.modelNotFound` listing every folder tried.
    package func locate() throws -> String {
        if let folder = firstMatch() { return folder }
        throw ModelError.modelNotFound(searched: candidates)
    }

    private func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL.path }
        return URL(fileURLWithPath: currentDirectory).appendingPathComponent(expanded).standardizedFileURL.path
    }
}
