/// The layouts `EntryFileImporter` reads.
package enum EntryFileFormat: String, Sendable, CaseIterable {
    /// One entry JSON object per line, the glossary's line shape.
    case jsonl
    /// RFC 4180 CSV with a header row (`term,lang,type,concise,detailed,…`).
    case csv

    /// The format implied by a file name's extension (`.jsonl`/`.ndjson`, `.csv`), or nil.
    package init?(path: String) {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") {
            self = .jsonl
        } else if lowered.hasSuffix(".csv") {
            self = .csv
        } else {
            return nil
        }
    }
}
