import DictionaryCore
import DictionaryImport

/// Option parsing and reporting shared by the `dict import …` commands.
enum ImportOptions {
    /// A skipped record in `--json` output.
    struct Skipped: Encodable {
        var line: Int
        var reason: String
    }

    /// `--on-existing replace|skip|fail`, or a usage error.
    static func existingPolicy(_ text: String) throws -> EntryRepository.ExistingEntryPolicy {
        switch text.lowercased() {
        case "replace": return .replace
        case "skip": return .skip
        case "fail": return .fail
        default:
            printError("--on-existing: expected replace, skip or fail, found \"\(text)\"")
            throw ExitStatus.usage
        }
    }

    /// One stderr line per record `--skip-invalid` left out.
    static func reportSkipped(_ skipped: [SkippedRecord], file: String) {
        for record in skipped { printError("\(file):\(record.line): skipped: \(record.reason)") }
    }
}
