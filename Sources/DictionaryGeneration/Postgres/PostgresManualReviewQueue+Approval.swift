import DictPostgres
package import DictionaryCore
package import DictionaryQueues
import Foundation

extension PostgresManualReviewQueue {
    /// As `ManualReviewQueue.approve`: the edits merged, re-parsed and scored the same way, the entry stored through
    /// `entries` (an existing one kept), queued for `embeddingModel` when given and the item marked approved, in one
    /// transaction that holds the item's row.
    @discardableResult
    package func approve(
        id: String, reviewer: String = "admin", notes: String? = nil, modifications: String? = nil,
        entries: PostgresEntryWriter, generatorModel: String? = nil, embeddingModel: String?
    ) async throws -> StoredEntry {
        let changes = try ManualReviewQueue.modificationObject(modifications)
        return try await session.transaction { session in
            let item = try await pendingItem(session, id: id)
            let entry = try ManualReviewQueue.approvedEntry(item, changes: changes)
            let draft = try RepositoryEntrySink.draft(entry, lang: item.lang, generatorModel: generatorModel)
            let stored = try await entries.insertKeepingExisting(draft, in: session)
            if let embeddingModel {
                try await PostgresEmbeddingQueue(session: session, clock: clock)
                    .enqueue([(stored.id, stored.inserted ? .missing : .stale)], model: embeddingModel)
            }
            try await decide(session, id: id, status: "approved", reviewer: reviewer, notes: notes, content: entry)
            return StoredEntry(id: stored.id, inserted: stored.inserted)
        }
    }
}
