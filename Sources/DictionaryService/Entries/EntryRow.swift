import Foundation
import GRDB

/// Reading entries from `dictionary_entries` rows and encoding their JSON columns.
enum EntryRow {
    /// The column list every entry query selects (prefix `e.` so joins can reuse it).
    static let columns = """
        e.id, e.term, e.normalized_term, e.folded_term, e.lang, e.source_lang, e.lang_confidence, e.type, e.definition,
        e.refs, e.metadata, e.quality_score, e.overall_score, e.ai_metadata, e.search_frequency, e.last_accessed,
        e.created_at, e.updated_at, e.version
        """

    /// Decodes one row selected with `columns`. A row written by another tool with an unexpected shape gives a
    /// typed `EntryError.invalidShape` naming the column, never a crash.
    static func decode(_ row: Row) throws -> DictionaryEntry {
        let id: String = row["id"]
        let langText: String = row["lang"]
        let typeText: String = row["type"]
        guard let lang = Language(rawValue: langText) else { throw EntryError.invalidLanguage(found: langText) }
        guard let type = TermType(rawValue: typeText) else { throw EntryError.invalidType(found: typeText) }
        let sourceText: String? = row["source_lang"]
        return DictionaryEntry(
            id: id, term: row["term"], normalizedTerm: row["normalized_term"], foldedTerm: row["folded_term"],
            lang: lang, sourceLang: sourceText.flatMap(SourceLanguage.init(rawValue:)),
            langConfidence: row["lang_confidence"], type: type,
            definition: try json(row["definition"], column: "definition", id: id),
            references: try json(row["refs"], column: "refs", id: id),
            metadata: try json(row["metadata"], column: "metadata", id: id),
            qualityScore: try json(row["quality_score"], column: "quality_score", id: id),
            overallScore: row["overall_score"],
            aiMetadata: (try? json(row["ai_metadata"], column: "ai_metadata", id: id)) ?? [:],
            searchFrequency: row["search_frequency"], lastAccessed: row["last_accessed"],
            createdAt: row["created_at"], updatedAt: row["updated_at"], version: row["version"])
    }

    private static func json<T: Decodable>(_ text: String?, column: String, id: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data((text ?? "{}").utf8))
        } catch {
            throw EntryError.invalidShape(field: "\(column) of entry \(id)", expected: "a valid \(column) object", found: "\(error)".prefix(200).description)
        }
    }

    /// Compact JSON text of a column value (sorted keys so equal content gives equal text).
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
