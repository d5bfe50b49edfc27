import DictTesting
import Foundation
@testable import DictionaryImport

/// Builds tiny WordNet data files whose synset offsets are real byte offsets.
///
/// Lines are written with `{name}` placeholders for offsets (`{self}` is the line's own offset); every offset is
/// eight digits, so line lengths do not depend on the values and two passes resolve them.
struct WordNetFixture {
    /// Two licence-style header lines, as in the real files (two leading spaces).
    static let header = ["  1 This is a test fixture in WordNet 3.0 format.  ", "  2   "]

    /// The folder holding the files, removed when the fixture is released.
    let folder: TemporaryDirectory
    var directory: URL { folder.url }

    init() throws { folder = try TemporaryDirectory(prefix: "wordnet-fixture") }

    var reader: WordNetReader { WordNetReader(directory: directory.path) }

    /// Computes the offsets of named lines for each file (`lines[file]` is a list of (name, template)).
    static func offsets(_ files: [WordNetDataFile: [(name: String, template: String)]]) -> [String: String] {
        var result: [String: String] = [:]
        for (_, lines) in files {
            var offset = header.reduce(0) { $0 + $1.utf8.count + 1 }
            for line in lines {
                result[line.name] = String(format: "%08d", offset)
                offset += substitute(line.template, ["": "00000000"], placeholderLength: true).utf8.count + 1
            }
        }
        return result
    }

    /// Writes the data files (and optional index files as given) with placeholders resolved.
    func write(_ files: [WordNetDataFile: [(name: String, template: String)]], index: [WordNetDataFile: [String]] = [:]) throws {
        let offsets = Self.offsets(files)
        for (file, lines) in files {
            let body = lines.map { line in
                var names = offsets
                names["self"] = offsets[line.name]
                return Self.substitute(line.template, names, placeholderLength: false)
            }
            let text = (Self.header + body).joined(separator: "\n") + "\n"
            try Data(text.utf8).write(to: directory.appendingPathComponent(file.dataFileName))
        }
        for (file, lines) in index {
            let text = (Self.header + lines.map { Self.substitute($0, offsets, placeholderLength: false) })
                .joined(separator: "\n") + "\n"
            try Data(text.utf8).write(to: directory.appendingPathComponent(file.indexFileName))
        }
    }

    /// Replaces `{name}` by `names[name]`; with `placeholderLength` every placeholder becomes eight zeros.
    static func substitute(_ template: String, _ names: [String: String], placeholderLength: Bool) -> String {
        var output = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            output += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            output += placeholderLength ? "00000000" : (names[name] ?? "99999999")
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }
}
