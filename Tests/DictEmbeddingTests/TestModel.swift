import DictEmbedding
import Foundation
import Testing

/// The installed all-MiniLM-L6-v2 model, found from the package root (this file's path), loaded once per test run.
enum TestModel {
    /// `<package root>/models/all-MiniLM-L6-v2`.
    static let directory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(ModelLocator.relativeModelPath).path

    /// Whether the model folder is present (tests that need it are skipped otherwise).
    static let isInstalled = FileManager.default.fileExists(atPath: directory + "/model.safetensors")

    /// Why model tests are skipped when it is absent.
    static let skipReason: Comment = "model not installed at \(directory): run `bash models/install.sh`"

    /// The embedder, loaded once; a load failure is reported by every test that uses it.
    static let loaded = Result { try MiniLMEmbedder(modelDirectory: directory) }

    /// The loaded embedder, or the load error.
    static func embedder() throws -> MiniLMEmbedder { try loaded.get() }
}
