import DictStore
import DictionaryCore
import Foundation

/// The texts embedded for an entry, one per vector (`term_embeddings.chunk`): an entry whose definition has
/// several senses gets one text per sense (`term (pos): gloss`), because one vector per sense lifted recall@10
/// from 0.53 to 0.68 in our WordNet trials; otherwise one text `term: concise detailed`. One place composes
/// them so the vectors' `source_hash` and the staleness check agree.
package enum EmbeddingText {
    /// At most this many senses get their own vector; the rest share the last one's neighbourhood.
    package static let maximumChunks = 16

    /// The single text `term: concise detailed` (the term alone when the definition has no text).
    package static func compose(term: String, definitionJSON: String, entryID: String) throws -> String {
        let object = try definitionObject(definitionJSON, entryID: entryID)
        return single(term: term, object: object)
    }

    /// The texts for an entry's term and its `definition` JSON object text, one per vector, for `model`.
    /// multilingual-e5-small also gets the concise definition alone as a second vector of a single-text entry that
    /// has a detailed text: its vectors of long texts sit close together, and on the tuning halves the best of both
    /// vectors found the word more often than either alone (cross-lingual glossary acc@1 0.46 with the full text
    /// alone, 0.78 with both; multilingual descriptions @10 0.62 → 0.72; English glossary descriptions @1 0.62 → 0.69).
    package static func chunks(term: String, definitionJSON: String, entryID: String, model: String = "") throws -> [String] {
        let object = try definitionObject(definitionJSON, entryID: entryID)
        let senses = (object["senses"] as? [[String: Any]]) ?? []
        let glosses = senses.compactMap { sense -> String? in
            guard let gloss = (sense["gloss"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines), !gloss.isEmpty else { return nil }
            let pos = (sense["pos"] as? String).map { " (\($0))" } ?? ""
            return "\(term)\(pos): \(gloss)"
        }
        guard glosses.count >= 2 else {
            let text = single(term: term, object: object)
            guard model == SemanticModel.multilingualE5.rawValue,
                  let concise = (object["concise"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines), !concise.isEmpty,
                  let detailed = (object["detailed"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines), !detailed.isEmpty
            else { return [text] }
            return [text, concise]
        }
        return Array(glosses.prefix(maximumChunks))
    }

    /// The `source_hash` of an entry's chunk texts: SHA-256 over the texts joined by U+001F.
    package static func sourceHash(of chunks: [String]) -> String {
        SHA256.hexDigest(of: Array(chunks.joined(separator: "\u{1F}").utf8))
    }

    private static func definitionObject(_ json: String, entryID: String) throws -> [String: Any] {
        guard let object = JSONText.decode(json) as? [String: Any] else {
            throw EmbeddingError.unreadableEntry(entryID: entryID, reason: "definition is not a JSON object")
        }
        return object
    }

    private static func single(term: String, object: [String: Any]) -> String {
        let parts = [object["concise"] as? String, object["detailed"] as? String]
            .compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        return parts.isEmpty ? term : "\(term): \(parts.joined(separator: " "))"
    }
}
