import DictionaryCore
import Foundation

/// One JSONL line of an embeddings file after the checks that need no database (UTF-8, JSON, model, one vector,
/// a target): what both engines' importers resolve and write, so a line fails the same way on either.
struct DecodedEmbeddingLine: Sendable {
    /// The entry a line names: by id, or by term and language (matched on the normalized term, like lookups).
    enum Target: Sendable, Hashable {
        case entryID(String)
        case term(String, lang: String)

        /// The stored entry's id, looked up through `byID` or `byKey(normalized term, language)`; the language is
        /// checked and an empty normalized term matches nothing before any lookup.
        /// Throws `EmbeddingRecordProblem.unknownEntryID`, `.invalidLanguage` or `.unknownTerm`.
        func resolve(byID: (String) throws -> String?, byKey: (String, String) throws -> String?) throws -> String {
            switch self {
            case .entryID(let id):
                guard let found = try byID(id) else { throw EmbeddingRecordProblem.unknownEntryID(id) }
                return found
            case .term(let term, let lang):
                guard Language(rawValue: lang) != nil else { throw EmbeddingRecordProblem.invalidLanguage(found: lang) }
                let normalized = TermNormalizer.normalize(term)
                guard !normalized.isEmpty, let found = try byKey(normalized, lang) else {
                    throw EmbeddingRecordProblem.unknownTerm(term: term, lang: lang)
                }
                return found
            }
        }

        /// The `(normalized term, language)` a term target is looked up by, nil for an id or a key that cannot match.
        var lookupKey: (normalized: String, lang: String)? {
            guard case .term(let term, let lang) = self, Language(rawValue: lang) != nil else { return nil }
            let normalized = TermNormalizer.normalize(term)
            return normalized.isEmpty ? nil : (normalized, lang)
        }
    }

    var target: Target
    var chunk: Int
    var vector: [Float]
    var sourceHash: String?

    /// Decodes one line for `model`. Throws `EmbeddingRecordProblem` (`.invalidUTF8`, `.invalidJSON`,
    /// `.modelMismatch`, `.missingVector`, `.missingTarget`, in that order of checking).
    init(_ bytes: Data.SubSequence, model: String, decoder: JSONDecoder) throws {
        guard String(validating: bytes, as: UTF8.self) != nil else { throw EmbeddingRecordProblem.invalidUTF8 }
        let line: EmbeddingLine
        do { line = try decoder.decode(EmbeddingLine.self, from: Data(bytes)) } catch {
            throw EmbeddingRecordProblem.invalidJSON(reason: JSONProblem.describe(error))
        }
        if let lineModel = line.model, lineModel != model { throw EmbeddingRecordProblem.modelMismatch(expected: model, found: lineModel) }
        let values: [Double]
        switch (line.vector, line.embedding) {
        case (let vector?, nil): values = vector
        case (nil, let embedding?): values = embedding
        default: throw EmbeddingRecordProblem.missingVector
        }
        if let id = line.entryID {
            target = .entryID(id)
        } else if let term = line.term, let lang = line.lang {
            target = .term(term, lang: lang)
        } else {
            throw EmbeddingRecordProblem.missingTarget
        }
        chunk = line.chunk ?? 0
        // Float(Double) rounds to ±∞ beyond float32's range, which validation then rejects as non-finite.
        vector = values.map { Float($0) }
        sourceHash = line.sourceHash
    }
}
