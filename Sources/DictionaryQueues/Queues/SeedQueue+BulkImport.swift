import DictStore
import Foundation
import GRDB

extension SeedQueue {
    /// Queues newline-separated terms in one transaction. Lines are trimmed; empty lines are ignored; lines longer
    /// than the limit are rejected; repeats (same normalized term), terms present in the dictionary for every
    /// requested language and terms with an open queue item are reported as duplicates; the rest are queued for the
    /// languages they lack. Throws when the text is too long, holds no usable term, or too many terms.
    package func bulkImport(
        text: String, languages: [String] = SeedLanguages.supported, priority: Int = 5,
        limits: BulkImportLimits = BulkImportLimits()
    ) throws -> BulkImportReport {
        let parsed = try Self.parseBulkImport(text: text, languages: languages, priority: priority, limits: limits)
        var report = parsed.report
        try database.write { db in
            for (term, key) in parsed.terms {
                let present = Set(try String.fetchAll(
                    db, sql: "SELECT lang FROM dictionary_entries WHERE normalized_term = ?", arguments: [key]
                ))
                let missing = parsed.targets.filter { !present.contains($0) }
                if missing.isEmpty {
                    report.duplicates.append(.init(term: term, reason: "Already exists in dictionary for all requested languages"))
                    continue
                }
                let open = try Bool.fetchOne(
                    db,
                    sql: "SELECT EXISTS (SELECT 1 FROM seed_queue WHERE normalized_term = ? AND status IN ('pending', 'processing'))",
                    arguments: [key]
                ) ?? false
                if open {
                    report.duplicates.append(.init(term: term, reason: "Already in queue (pending or processing)"))
                    continue
                }
                let result = try enqueue(db, term: term, languages: missing, priority: priority, source: "bulk_import")
                report.queued.append(.init(term: term, itemID: result.itemID, languages: missing))
            }
        }
        return report
    }

    /// The import's lines checked and de-duplicated (both engines' `bulkImport` start here): the report so far (totals,
    /// rejected lines, repeats), the canonical target languages and the terms left to check against the database.
    package static func parseBulkImport(
        text: String, languages: [String], priority: Int, limits: BulkImportLimits
    ) throws -> (report: BulkImportReport, targets: [String], terms: [(term: String, key: String)]) {
        guard text.count <= limits.maximumCharacters else {
            throw QueueError.importLimitExceeded(what: "characters", limit: limits.maximumCharacters, found: text.count)
        }
        let targets = try SeedLanguages.canonical(languages)
        guard (1...10).contains(priority) else { throw QueueError.invalidPriority(priority) }
        var report = BulkImportReport()
        var seen = Set<String>()
        var terms: [(term: String, key: String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let term = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !term.isEmpty else { continue }
            report.totalSubmitted += 1
            guard term.count <= limits.maximumTermLength else {
                report.rejected.append(.init(term: String(term.prefix(limits.maximumTermLength)) + "…",
                                             reason: "longer than \(limits.maximumTermLength) characters"))
                continue
            }
            let key = normalizedKey(term)
            guard !key.isEmpty else { continue }
            guard seen.insert(key).inserted else {
                report.duplicates.append(.init(term: term, reason: "Repeated in the import"))
                continue
            }
            terms.append((term, key))
        }
        guard !terms.isEmpty else { throw QueueError.importEmpty }
        guard terms.count <= limits.maximumTerms else {
            throw QueueError.importLimitExceeded(what: "terms", limit: limits.maximumTerms, found: terms.count)
        }
        return (report, targets, terms)
    }
}
