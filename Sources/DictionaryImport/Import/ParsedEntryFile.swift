import DictionaryCore

/// An entry file after parsing and validation, before any engine writes it: the drafts to write in file order with
/// their lines, the exported relations of each, and the report so far (records read, bad records `skipInvalid`
/// left out). Both engines' importers write from this one value, so a file fails on the same line everywhere.
struct ParsedEntryFile {
    var report = EntryFileImportReport()
    var drafts: [EntryDraft] = []
    /// The 1-based line each draft starts on.
    var lines: [Int] = []
    /// Exported relations (`relations` of a JSONL line) by the draft's normalized term and language.
    var relationsByKey: [String: [GlossaryImporter.Relation]] = [:]

    /// The key `relationsByKey` uses.
    static func key(normalized: String, lang: Language) -> String { normalized + "\u{0}" + lang.rawValue }
}
