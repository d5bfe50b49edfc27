import Foundation
import Testing

/// The bundled glossary and evaluation sets under `data/` pass `data/validate.py` (JSON per line, required fields,
/// enums, length limits, unique (term, lang), translations and eval answers pointing at real terms).
@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
               "python3 not installed: cannot run data/validate.py"))
func bundledDataPassesValidator() throws {
    let (status, text) = try runPython("data/validate.py")
    #expect(status == 0, "\(text)")
    #expect(text.contains("entries per language"))
}

/// The repository root (this file is Tests/DictionaryImportTests/BundledDataTests.swift).
private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs the repository's Python `script` with `arguments`; its exit status and combined output.
private func runPython(_ script: String, _ arguments: String...) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = [repositoryRoot.appendingPathComponent(script).path] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
}

/// The cross-lingual glossary query sets are what `scripts/make-crosslingual-eval.py` builds from the bundled
/// translations (a changed translation must regenerate them, and nobody edits them by hand).
@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
               "python3 not installed: cannot run scripts/make-crosslingual-eval.py"))
func crossLingualEvalSetsMatchTheTranslations() throws {
    let (status, text) = try runPython("scripts/make-crosslingual-eval.py", "--check")
    #expect(status == 0, "\(text)")
    let root = repositoryRoot
    let heldOut = try String(contentsOf: root.appendingPathComponent("data/eval/glossary-crosslingual-heldout.jsonl"), encoding: .utf8)
    let tune = try String(contentsOf: root.appendingPathComponent("data/eval/glossary-crosslingual-tune.jsonl"), encoding: .utf8)
    // 64 translated terms × 5 languages, split by term: no English answer in both halves.
    func answers(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n").compactMap { line in
            ((try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any])?["expected"] as? [String] }.flatMap { $0 })
    }
    #expect(heldOut.split(separator: "\n").count + tune.split(separator: "\n").count == 320)
    #expect(answers(heldOut).isDisjoint(with: answers(tune)))
    #expect(answers(heldOut).count + answers(tune).count == 64)
}
