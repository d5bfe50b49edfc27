import DictStore
package import DictionaryCore
package import DictionaryQueues
import Foundation

extension ManualReviewQueue {
    /// Approves a pending item: `modifications` (a JSON object) is shallow-merged over the generated content and the
    /// result re-validated; the entry is stored through `sink`, queued for embedding under `embeddingModel` when
    /// given, and the item marked approved, all in one transaction. Returns the stored entry.
    @discardableResult
    package func approve(
        id: String, reviewer: String = "admin", notes: String? = nil, modifications: String? = nil,
        sink: any GeneratedEntrySink, embeddingModel: String?
    ) throws -> StoredEntry {
        let changes = try Self.modificationObject(modifications)
        return try database.write { db in
            let item = try pendingItem(db, id: id)
            let entry = try Self.approvedEntry(item, changes: changes)
            let stored = try sink.store(entry, lang: item.lang, in: db)
            if let embeddingModel {
                try EmbeddingQueue(database: database, clock: clock)
                    .enqueue(db, entryID: stored.id, model: embeddingModel, reason: stored.inserted ? .missing : .stale)
            }
            try decide(db, id: id, status: "approved", reviewer: reviewer, notes: notes, content: entry)
            return stored
        }
    }

    /// The reviewer's edits: nil or blank is none; anything but a JSON object is refused.
    package static func modificationObject(_ modifications: String?) throws -> [String: Any] {
        guard let modifications, !modifications.trimmingCharacters(in: .whitespaces).isEmpty else { return [:] }
        guard let object = JSONText.decode(modifications) as? [String: Any] else {
            throw QueueError.invalidModifications(reason: "not a JSON object")
        }
        return object
    }

    /// The item's generated content with `changes` merged over it (shallow), re-parsed and re-scored (both engines'
    /// approval); content the parser refuses is `invalidModifications`.
    package static func approvedEntry(_ item: ReviewItem, changes: [String: Any]) throws -> GeneratedEntry {
        var content = JSONText.decode(try encode(item.content)) as? [String: Any] ?? [:]
        for (key, value) in changes { content[key] = value }
        var entry: GeneratedEntry
        do {
            entry = try GeneratedEntryParser.parse(JSONText.encode(content), term: item.term)
        } catch {
            throw QueueError.invalidModifications(reason: FailureClassifier.describe(error))
        }
        entry.qualityScore = EntryQualityScorer.score(entry)
        return entry
    }
}
