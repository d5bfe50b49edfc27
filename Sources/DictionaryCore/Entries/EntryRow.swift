import DictStore
import Foundation
package import GRDB

/// Reading entries from `dictionary_entries` rows and encoding their JSON columns.
package enum EntryRow {
    /// The column list every entry query selects first (prefix `e.` so joins can reuse it); `decode` reads these
    /// positions, so a query's own extra columns go after them.
    package static let columns = """
        e.id, e.term, e.normalized_term, e.folded_term, e.lang, e.source_lang, e.lang_confidence, e.type, e.definition,
        e.refs, e.metadata, e.quality_score, e.overall_score, e.ai_metadata, e.search_frequency, e.last_accessed,
        e.created_at, e.updated_at, e.version
        """

    /// Decodes one row whose first columns are `columns`. A row written by another tool with an unexpected shape
    /// gives a typed `EntryError.invalidShape` naming the column, never a crash. Reads by position: GRDB's lookup
    /// by name lower-cases every column name on every access (a tenth of a search page's time).
    package static func decode(_ row: Row) throws -> DictionaryEntry {
        let id: String = row[0]
        let langText: String = row[4]
        let typeText: String = row[7]
        guard let lang = Language(rawValue: langText) else { throw EntryError.invalidLanguage(found: langText) }
        guard let type = TermType(rawValue: typeText) else { throw EntryError.invalidType(found: typeText) }
        let sourceText: String? = row[5]
        return DictionaryEntry(
            id: id, term: row[1], normalizedTerm: row[2], foldedTerm: row[3],
            lang: lang, sourceLang: sourceText.flatMap(SourceLanguage.init(rawValue:)),
            langConfidence: row[6], type: type,
            definition: try json(row[8], column: "definition", id: id),
            references: try json(row[9], column: "refs", id: id),
            metadata: try json(row[10], column: "metadata", id: id),
            qualityScore: try json(row[11], column: "quality_score", id: id),
            overallScore: row[12],
            // The column only has to be valid JSON (not necessarily an object); anything else reads as empty.
            aiMetadata: (try? json(row[13], column: "ai_metadata", id: id)) ?? [:],
            searchFrequency: row[14], lastAccessed: row[15],
            createdAt: row[16], updatedAt: row[17], version: row[18])
    }

    /// An entry from its columns' values in `columns` order, as another engine's store reads them (JSON columns as
    /// text): the same checks and decoding as `decode(_:)`.
    package static func decode(_ values: Values) throws -> DictionaryEntry {
        guard let lang = Language(rawValue: values.lang) else { throw EntryError.invalidLanguage(found: values.lang) }
        guard let type = TermType(rawValue: values.type) else { throw EntryError.invalidType(found: values.type) }
        let id = values.id
        return DictionaryEntry(
            id: id, term: values.term, normalizedTerm: values.normalizedTerm, foldedTerm: values.foldedTerm,
            lang: lang, sourceLang: values.sourceLang.flatMap(SourceLanguage.init(rawValue:)),
            langConfidence: values.langConfidence, type: type,
            definition: try json(values.definition, column: "definition", id: id),
            references: try json(values.references, column: "refs", id: id),
            metadata: try json(values.metadata, column: "metadata", id: id),
            qualityScore: try json(values.qualityScore, column: "quality_score", id: id),
            overallScore: values.overallScore,
            aiMetadata: (try? json(values.aiMetadata, column: "ai_metadata", id: id)) ?? [:],
            searchFrequency: values.searchFrequency, lastAccessed: values.lastAccessed,
            createdAt: values.createdAt, updatedAt: values.updatedAt, version: values.version)
    }

    /// One JSON column's text decoded as the repository decodes it (another engine's store reads the same shapes).
    package static func decodeColumn<T: Decodable>(_ text: String, as type: T.Type, column: String, id: String) throws -> T {
        try json(text, column: column, id: id)
    }

    private static func json<T: Decodable>(_ text: String?, column: String, id: String) throws -> T {
        if let text, let value = fastColumn(T.self, text) { return value }
        do {
            return try JSONDecoder().decode(T.self, from: Data((text ?? "{}").utf8))
        } catch {
            throw EntryError.invalidShape(field: "\(column) of entry \(id)", expected: "a valid \(column) object", found: "\(error)".prefix(200).description)
        }
    }

    /// Compact JSON text of a column value (sorted keys so equal content gives equal text).
    package static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    // MARK: - Fast column reading

    /// The column read by `EntryColumnJSON`, or nil to let `JSONDecoder` read it (unusual text, or a type the fast
    /// reader does not know).
    package static func fastColumn<T>(_ type: T.Type, _ text: String) -> T? {
        guard let object = EntryColumnJSON.object(text) else { return nil }
        var fields = EntryColumnJSON.Fields(object)
        let value: Any?
        switch type {
        case is EntryDefinition.Type: value = definition(&fields)
        case is EntryMetadata.Type: value = metadata(&fields)
        case is QualityScore.Type: value = qualityScore(&fields)
        case is [String: JSONValue].Type: value = object.mapValues(EntryColumnJSON.jsonValue)
        default: value = nil
        }
        return fields.mismatch ? nil : value as? T
    }

    private static func definition(_ fields: inout EntryColumnJSON.Fields) -> EntryDefinition? {
        var definition = EntryDefinition(
            concise: fields.string("concise"), detailed: fields.string("detailed"), etymology: fields.string("etymology"),
            usageExample: fields.string("usage_example"), translations: fields.stringMap("translations"))
        switch fields.fields["pronunciation"] {
        case nil, .null?: break
        case .object(let object)?:
            var inner = EntryColumnJSON.Fields(object)
            definition.pronunciation = EntryDefinition.Pronunciation(
                ipa: inner.string("ipa"), audioURL: inner.string("audio_url"), syllables: inner.strings("syllables"),
                stressPattern: inner.string("stress_pattern"))
            if inner.mismatch { return nil }
        default: return nil
        }
        switch fields.fields["senses"] {
        case nil, .null?: break
        case .array(let items)?:
            var senses: [EntryDefinition.Sense] = []
            senses.reserveCapacity(items.count)
            for item in items {
                guard case .object(let object) = item else { return nil }
                var inner = EntryColumnJSON.Fields(object)
                guard let pos = inner.string("pos"), let gloss = inner.string("gloss") else { return nil }
                let sense = EntryDefinition.Sense(pos: pos, gloss: gloss, examples: inner.strings("examples") ?? [], frequency: inner.integer("frequency"))
                if inner.mismatch { return nil }
                senses.append(sense)
            }
            definition.senses = senses
        default: return nil
        }
        definition.extras = fields.extras(excluding: definitionKeys)
        return definition
    }

    private static func metadata(_ fields: inout EntryColumnJSON.Fields) -> EntryMetadata {
        var metadata = EntryMetadata(
            relatedTerms: fields.strings("related_terms"), categories: fields.strings("categories"),
            instruments: fields.strings("instruments"), synonyms: fields.strings("synonyms"), antonyms: fields.strings("antonyms"),
            difficultyLevel: fields.string("difficulty_level"), translationOf: fields.string("translation_of"))
        metadata.searchFrequency = fields.integer("search_frequency")
        metadata.lastAccessed = fields.string("last_accessed")
        metadata.tags = fields.strings("tags")
        metadata.historicalPeriod = fields.string("historical_period")
        metadata.culturalOrigin = fields.string("cultural_origin")
        metadata.createdBy = fields.string("created_by")
        metadata.extras = fields.extras(excluding: metadataKeys)
        return metadata
    }

    private static func qualityScore(_ fields: inout EntryColumnJSON.Fields) -> QualityScore {
        var score = QualityScore(
            overall: fields.double("overall") ?? 0, definitionClarity: fields.double("definition_clarity"),
            referenceCompleteness: fields.double("reference_completeness"), accuracyVerification: fields.double("accuracy_verification"),
            humanVerified: fields.bool("human_verified"), confidenceLevel: fields.string("confidence_level"))
        score.userSatisfaction = fields.double("user_satisfaction")
        score.lastAICheck = fields.string("last_ai_check")
        score.improvementSuggestions = fields.strings("improvement_suggestions")
        score.extras = fields.extras(excluding: qualityKeys)
        return score
    }

    private static let definitionKeys: Set<String> = Set(EntryDefinition.CodingKeys.allCases.map(\.rawValue))
    private static let metadataKeys: Set<String> = Set(EntryMetadata.CodingKeys.allCases.map(\.rawValue))
    private static let qualityKeys: Set<String> = Set(QualityScore.CodingKeys.allCases.map(\.rawValue))
}
