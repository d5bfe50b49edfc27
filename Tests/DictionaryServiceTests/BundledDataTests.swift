import Foundation
import Testing

/// The bundled glossary and evaluation sets under `data/` pass `data/validate.py` (JSON per line, required fields,
/// enums, length limits, unique (term, lang), translations and eval answers pointing at real terms).
@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
               "python3 not installed: cannot run data/validate.py"))
func bundledDataPassesValidator() throws {
    let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let script = root.appendingPathComponent("data/validate.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = [script.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(text)")
    #expect(text.contains("entries per language"))
}
