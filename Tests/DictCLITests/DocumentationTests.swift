import Foundation
import Testing

/// Issue 14, item 13: every `DICT_*` environment variable the code reads is documented in the README or docs/.
@Suite struct DocumentationTests {
    /// Every `"DICT_…"` string literal in the sources: the names the code looks up in the environment.
    static func variablesInSources() throws -> Set<String> {
        let root = DictBinary.packageRoot
        var names = Set<String>()
        let pattern = try NSRegularExpression(pattern: #""(DICT_[A-Z0-9_]+)""#)
        for folder in ["Sources", "Benchmarks"] {
            guard let files = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in files where file.pathExtension == "swift" {
                let text = try String(contentsOf: file, encoding: .utf8)
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    names.insert(String(text[Range(match.range(at: 1), in: text)!]))
                }
            }
        }
        return names
    }

    @Test func everyEnvironmentVariableTheCodeReadsIsDocumented() throws {
        let root = DictBinary.packageRoot
        let names = try Self.variablesInSources()
        #expect(names.count >= 15, "found only \(names.sorted())")
        var documentation = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for file in try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path) where file.hasSuffix(".md") {
            documentation += try String(contentsOf: root.appendingPathComponent("docs").appendingPathComponent(file), encoding: .utf8)
        }
        let undocumented = names.filter { !documentation.contains($0) }.sorted()
        #expect(undocumented.isEmpty, "read by the code but not documented: \(undocumented)")
    }
}
