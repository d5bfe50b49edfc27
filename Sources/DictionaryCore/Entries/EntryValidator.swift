package import DictStore
import Foundation

/// Checks an `EntryDraft` against the schema's rules before SQLite sees it, so callers get an `EntryError` that
/// names the field, the expectation and the value instead of a bare CHECK failure.
package enum EntryValidator {
    /// Allowed term length in characters (the column CHECK).
    package static let termLength = 1...500

    /// Throws the first rule `draft` breaks; returns the normalized and folded keys otherwise.
    package static func validate(_ draft: EntryDraft) throws -> (normalized: String, folded: String) {
        let length = draft.term.count
        guard termLength.contains(length) else { throw EntryError.invalidTermLength(expected: termLength, found: length) }
        let normalized = TermNormalizer.normalize(draft.term)
        guard !normalized.isEmpty else { throw EntryError.invalidTermLength(expected: termLength, found: 0) }
        try checkRange("lang_confidence", draft.langConfidence, 0...1)
        for (field, value) in draft.qualityScore.numericFields {
            if let value { try checkRange("quality_score.\(field)", value, 0...100) }
        }
        if let level = draft.metadata.difficultyLevel, !EntryMetadata.difficultyLevels.contains(level) {
            throw EntryError.invalidShape(
                field: "metadata.difficulty_level", expected: "one of \(EntryMetadata.difficultyLevels.sorted().joined(separator: ", "))",
                found: "\"\(level.prefix(40))\"")
        }
        if let url = draft.definition.pronunciation?.audioURL { try checkURL("definition.pronunciation.audio_url", url) }
        try validateReferences(draft.references)
        return (normalized, TermNormalizer.fold(normalized))
    }

    /// `references`: known sections have their documented container type; every `*url` field is an http(s) URL.
    package static func validateReferences(_ references: [String: JSONValue]) throws {
        let objects: Set<String> = ["wikipedia", "media", "shopping"]
        let arrays: Set<String> = ["books", "research_papers", "educational"]
        for (key, value) in references {
            if objects.contains(key), case .object = value {} else if objects.contains(key) {
                throw EntryError.invalidShape(field: "references.\(key)", expected: "object", found: value.typeName)
            }
            if arrays.contains(key), case .array = value {} else if arrays.contains(key) {
                throw EntryError.invalidShape(field: "references.\(key)", expected: "array", found: value.typeName)
            }
            try checkURLs(in: value, path: "references.\(key)")
        }
    }

    private static func checkURLs(in value: JSONValue, path: String) throws {
        switch value {
        case .object(let fields):
            for (key, child) in fields {
                if key == "url" || key.hasSuffix("_url") {
                    guard case .string(let text) = child else {
                        throw EntryError.invalidShape(field: "\(path).\(key)", expected: "URL string", found: child.typeName)
                    }
                    try checkURL("\(path).\(key)", text)
                } else {
                    try checkURLs(in: child, path: "\(path).\(key)")
                }
            }
        case .array(let items):
            for (index, item) in items.enumerated() { try checkURLs(in: item, path: "\(path)[\(index)]") }
        default:
            break
        }
    }

    private static func checkURL(_ field: String, _ text: String) throws {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host != nil
        else { throw EntryError.invalidShape(field: field, expected: "an http(s) URL", found: "\"\(text.prefix(80))\"") }
    }

    private static func checkRange(_ field: String, _ value: Double, _ range: ClosedRange<Double>) throws {
        guard value.isFinite, range.contains(value) else {
            throw EntryError.valueOutOfRange(field: field, expected: range, found: value)
        }
    }
}
