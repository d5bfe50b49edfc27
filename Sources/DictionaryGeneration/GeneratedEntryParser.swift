package import DictionaryCore
import Foundation

/// Turns a model's reply into a validated `GeneratedEntry`. Replies are often wrapped in prose or Markdown
/// fences, so the JSON object is cut from the first `{` to the last `}` (the original's rule). Accepts the
/// definition fields flat or under `definition`, and `pronunciation` as text or `{ipa: …}`.
package enum GeneratedEntryParser {
    /// Longest accepted reply; anything longer is rejected before parsing.
    package static let maximumReplyCharacters = 100_000
    /// Field length caps: far above what the prompt asks for, low enough to reject runaway output.
    package static let maximumConciseCharacters = 1_000
    /// Longest accepted detailed definition.
    package static let maximumDetailedCharacters = 6_000

    /// The entry in `reply`, for `term` (the requested term is kept; the model's spelling is ignored), unscored.
    package static func parse(_ reply: String, term: String) throws -> GeneratedEntry {
        guard reply.count <= maximumReplyCharacters else {
            throw GenerationError.invalidEntry("reply has \(reply.count) characters; at most \(maximumReplyCharacters)")
        }
        guard let object = try extractObject(reply) else {
            throw GenerationError.invalidEntry("no JSON object in the reply")
        }
        let definition = object["definition"] as? [String: Any] ?? [:]
        func text(_ key: String) -> String? {
            let value = (object[key] ?? definition[key]) as? String
            let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed?.isEmpty == false ? trimmed : nil
        }
        guard let concise = text("concise") else { throw GenerationError.invalidEntry("missing definition.concise") }
        guard let detailed = text("detailed") else { throw GenerationError.invalidEntry("missing definition.detailed") }
        guard concise.count <= maximumConciseCharacters else {
            throw GenerationError.invalidEntry("concise has \(concise.count) characters; at most \(maximumConciseCharacters)")
        }
        guard detailed.count <= maximumDetailedCharacters else {
            throw GenerationError.invalidEntry("detailed has \(detailed.count) characters; at most \(maximumDetailedCharacters)")
        }
        guard let rawType = object["type"] as? String else { throw GenerationError.invalidEntry("missing type") }
        let type = rawType.trimmingCharacters(in: .whitespaces).lowercased()
        guard GeneratedEntry.types.contains(type) else {
            throw GenerationError.invalidEntry("type \(rawType.prefix(40).debugDescription) is not one of the 12 entry types")
        }
        var pronunciation = text("pronunciation")
        if pronunciation == nil, let nested = (object["pronunciation"] ?? definition["pronunciation"]) as? [String: Any] {
            pronunciation = (nested["ipa"] as? String)?.trimmingCharacters(in: .whitespaces)
            if pronunciation?.isEmpty == true { pronunciation = nil }
        }
        let related = ((object["related_terms"] ?? object["relatedTerms"]) as? [Any] ?? [])
            .compactMap { $0 as? String }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0.count <= 200 }
        return GeneratedEntry(
            term: term, type: type, concise: concise, detailed: detailed, etymology: text("etymology"),
            pronunciation: pronunciation, usageExample: text("usage_example") ?? text("usageExample"),
            relatedTerms: Array(related.prefix(20))
        )
    }

    /// The JSON object inside `reply`: fences and surrounding prose are dropped, then the text from the first `{`
    /// to the last `}` is parsed. nil when there is none; `invalidEntry` when it is not valid JSON.
    static func extractObject(_ reply: String) throws -> [String: Any]? {
        guard let open = reply.firstIndex(of: "{"), let close = reply.lastIndex(of: "}"), open < close else { return nil }
        let candidate = String(reply[open...close])
        do {
            let value = try JSONSerialization.jsonObject(with: Data(candidate.utf8))
            guard let object = value as? [String: Any] else { return nil }
            return object
        } catch {
            throw GenerationError.invalidEntry("the reply's JSON does not parse")
        }
    }
}
