import Foundation

/// The text embedded for an entry: `term: concise detailed`. One function so the vectors' `source_hash` and the
/// staleness check agree.
public enum EmbeddingText {
    /// The text for an entry's term and its `definition` JSON object text; throws when the JSON is unusable.
    public static func compose(term: String, definitionJSON: String, entryID: String) throws -> String {
        guard let object = JSONText.decode(definitionJSON) as? [String: Any] else {
            throw EmbeddingError.unreadableEntry(entryID: entryID, reason: "definition is not a JSON object")
        }
        let parts = [object["concise"] as? String, object["detailed"] as? String]
            .compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        return parts.isEmpty ? term : "\(term): \(parts.joined(separator: " "))"
    }
}
