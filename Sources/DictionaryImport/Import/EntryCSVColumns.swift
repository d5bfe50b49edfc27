import DictionaryCore
import Foundation

/// The columns of an entries CSV file and how a row becomes an `EntryDraft`.
struct EntryCSVColumns {
    /// Columns every file must have.
    static let required = ["term", "lang", "type", "concise", "detailed"]
    /// Columns a file may add.
    static let optional = [
        "etymology", "usage_example", "pronunciation_ipa", "synonyms", "antonyms", "related_terms", "categories", "overall",
    ]

    /// Column name → field index.
    private let index: [String: Int]
    /// Number of fields every row must have.
    let count: Int

    /// Checks the header row (names are trimmed and compared case-insensitively).
    init(header: [String], file: String) throws(EntryFileImportError) {
        var index: [String: Int] = [:]
        let known = Self.required + Self.optional
        for (position, raw) in header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            guard known.contains(name), index[name] == nil else {
                throw .unexpectedColumn(file: file, column: name, expected: known)
            }
            index[name] = position
        }
        let missing = Self.required.filter { index[$0] == nil }
        guard missing.isEmpty else { throw .missingColumns(file: file, missing: missing) }
        self.index = index
        count = header.count
    }

    /// The draft described by `fields`; empty cells mean "absent".
    func draft(from fields: [String]) throws(EntryRecordProblem) -> EntryDraft {
        guard fields.count == count else {
            throw .invalidCSV(reason: "expected \(count) fields (as in the header), found \(fields.count)")
        }
        func value(_ name: String) -> String? {
            guard let position = index[name] else { return nil }
            let text = fields[position].trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        func list(_ name: String) -> [String]? {
            guard let text = value(name) else { return nil }
            let items = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return items.isEmpty ? nil : items
        }
        // A file with a categories column (as `dict export --format csv` writes) says what it means, an empty cell
        // included; without the column, an entry is filed under its type as before.
        func categories(_ type: TermType) -> [String]? { index["categories"] == nil ? [type.rawValue] : list("categories") }
        let langText = value("lang") ?? ""
        guard let lang = Language(rawValue: langText) else { throw .invalidEntry(.invalidLanguage(found: String(langText.prefix(40)))) }
        let typeText = value("type") ?? ""
        guard let type = TermType(rawValue: typeText) else { throw .invalidEntry(.invalidType(found: String(typeText.prefix(40)))) }
        var overall = 0.0
        if let text = value("overall") {
            guard let number = Double(text), number.isFinite else {
                throw .invalidEntry(.invalidShape(field: "overall", expected: "a number from 0 to 100", found: "\"\(text.prefix(40))\""))
            }
            overall = number
        }
        let definition = EntryDefinition(
            concise: value("concise"), detailed: value("detailed"), etymology: value("etymology"), usageExample: value("usage_example"),
            pronunciation: value("pronunciation_ipa").map { EntryDefinition.Pronunciation(ipa: $0) })
        let metadata = EntryMetadata(
            relatedTerms: list("related_terms"), categories: categories(type), synonyms: list("synonyms"),
            antonyms: list("antonyms"))
        return EntryDraft(
            term: value("term") ?? "", lang: lang, type: type, definition: definition, metadata: metadata,
            qualityScore: QualityScore(overall: overall))
    }
}
