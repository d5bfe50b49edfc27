import DictEmbedding
import Foundation
import Testing

/// The installed multilingual-e5-small file, found from the package root (this file's path), loaded once per run.
enum E5TestModel {
    /// `<package root>/models/multilingual-e5-small/e5-small-q4.bin`.
    static let file: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(MultilingualE5Embedder.relativeModelPath).appendingPathComponent("e5-small-q4.bin").path

    /// Whether the file is present (tests that need it are skipped otherwise).
    static let isInstalled = FileManager.default.fileExists(atPath: file)

    /// Why model tests are skipped when it is absent.
    static let skipReason: Comment = "multilingual-e5-small not installed at \(file): run `bash models/install.sh multilingual-e5-small`"

    /// The embedder, loaded once; a load failure is reported by every test that uses it.
    static let loaded = Result { try MultilingualE5Embedder(modelFile: file) }

    /// The loaded embedder, or the load error.
    static func embedder() throws -> MultilingualE5Embedder { try loaded.get() }
}
