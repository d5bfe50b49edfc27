package import DictStore
import DictVectors
import Foundation
package import GRDB

/// Create, update, delete and read dictionary entries. Every write validates first (`EntryError`), runs in one
/// `BEGIN IMMEDIATE` transaction, keeps `term_embeddings` consistent (deletes cascade; a changed term or definition
/// queues the entry's vectors as `stale` in `embedding_queue`, a new entry is queued as `missing` for each of
/// `embeddingModels`) and, after commit, tells every `EntryChangeObserver`.
package final class EntryRepository: @unchecked Sendable {
    /// Whether a bulk insert replaces, skips or rejects an entry whose `(normalized_term, lang)` exists.
    package enum ExistingEntryPolicy: Sendable {
        case fail, skip, replace
    }

    /// The dictionary database.
    package let database: StoreDatabase
    /// Models whose vectors every entry should have: new entries are queued for them as `missing`.
    package let embeddingModels: [String]
    private let lock = NSLock()
    private var observers: [any EntryChangeObserver] = []

    package init(database: StoreDatabase, embeddingModels: [String] = []) {
        self.database = database
        self.embeddingModels = embeddingModels
    }

    /// Registers `observer` (held strongly) to hear about every later committed write.
    package func addObserver(_ observer: any EntryChangeObserver) {
        lock.withLock { observers.append(observer) }
    }

    // MARK: Reads

    /// The entry with `id`, or nil. O(log n) by the unique index.
    package func entry(id: String) throws -> DictionaryEntry? {
        try database.read { db in try Self.fetchEntry(db, id: id) }
    }

    /// The entry `term` (normalized) in `lang`, or nil. O(log n) by `(normalized_term, lang)`.
    package func entry(term: String, lang: Language) throws -> DictionaryEntry? {
        let normalized = TermNormalizer.normalize(term)
        return try database.read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT \(EntryRow.columns) FROM dictionary_entries e WHERE e.normalized_term = ? AND e.lang = ?"),
                arguments: [normalized, lang.rawValue]
            ).map(EntryRow.decode)
        }
    }

    /// Number of entries.
    package func count() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM dictionary_entries") ?? 0 }
    }

    // MARK: Writes

    /// Creates an entry; throws `.duplicate` if `(normalized_term, lang)` exists.
    @discardableResult
    package func create(_ draft: EntryDraft) throws -> DictionaryEntry {
        let (entry, change) = try database.write { db in try insert(draft, db: db) }
        notify(upserted: [change], deleted: [])
        return entry
    }

    /// Replaces the content of entry `id`, bumps `version`, sets `updated_at`.
    @discardableResult
    package func update(id: String, with draft: EntryDraft) throws -> DictionaryEntry {
        let (entry, change) = try database.write { db in try replace(id: id, with: draft, db: db) }
        notify(upserted: [change], deleted: [])
        return entry
    }

    /// Deletes entry `id` (its vectors, relations, feedback and queue rows cascade). Returns false if absent.
    @discardableResult
    package func delete(id: String) throws -> Bool {
        let deleted = try database.write { db -> Bool in
            try db.execute(sql: "DELETE FROM dictionary_entries WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
        if deleted { notify(upserted: [], deleted: [id]) }
        return deleted
    }

    /// Inserts `drafts` in one transaction with cached statements: all or nothing. A failing item throws
    /// `.bulkItem(index:error:)` with its position. Returns the stored entries (existing ones for `.skip`).
    @discardableResult
    package func insertAll(_ drafts: [EntryDraft], onExisting policy: ExistingEntryPolicy = .fail) throws -> [DictionaryEntry] {
        let (entries, changes) = try database.write { db in try insertAll(drafts, onExisting: policy, db: db) }
        notify(upserted: changes, deleted: [])
        return entries
    }

    /// `insertAll` inside the caller's transaction (the caller must call `notify` after its commit).
    package func insertAll(
        _ drafts: [EntryDraft], onExisting policy: ExistingEntryPolicy, db: Database
    ) throws -> ([DictionaryEntry], [EntryChange]) {
        var entries: [DictionaryEntry] = []
        var changes: [EntryChange] = []
        entries.reserveCapacity(drafts.count)
        try writeAll(drafts, onExisting: policy, db: db) { _, outcome in
            switch outcome {
            case .inserted(let change):
                guard let entry = try Self.fetchEntry(db, id: change.id) else { throw EntryError.notFound(id: change.id) }
                entries.append(entry)
                changes.append(change)
            case .replaced(let entry, let change):
                entries.append(entry)
                changes.append(change)
            case .kept(let existingID):
                if let entry = try Self.fetchEntry(db, id: existingID) { entries.append(entry) }
            }
        }
        return (entries, changes)
    }

    /// `insertAll` inside the caller's transaction for bulk imports that need each written entry's change, not
    /// the stored entry: no inserted row is read back and decoded (that read-back was a tenth of a WordNet
    /// import). Returns the index of each written draft with its change, in draft order; kept drafts have none.
    package func insertAllWithoutReadBack(
        _ drafts: [EntryDraft], onExisting policy: ExistingEntryPolicy, db: Database
    ) throws -> [(draft: Int, change: EntryChange)] {
        var written: [(draft: Int, change: EntryChange)] = []
        written.reserveCapacity(drafts.count)
        try writeAll(drafts, onExisting: policy, db: db) { index, outcome in
            switch outcome {
            case .inserted(let change), .replaced(_, let change): written.append((index, change))
            case .kept: break
            }
        }
        return written
    }

    /// What `writeAll` did with one draft.
    private enum DraftOutcome {
        case inserted(EntryChange)
        case replaced(DictionaryEntry, EntryChange)
        /// An entry with the same key exists and `.skip` kept it (its id).
        case kept(String)
    }

    /// The loop behind both `insertAll`s: each draft is inserted, replaces its existing entry or is kept, per
    /// `policy`, and `body` hears about it in draft order. Drafts are validated and JSON-encoded in chunks of
    /// 2,048: the first on this thread, each next one on another thread while this one writes the current chunk.
    /// A failing draft throws `.bulkItem(index:error:)` with its position, the first in draft order.
    private func writeAll(
        _ drafts: [EntryDraft], onExisting policy: ExistingEntryPolicy, db: Database,
        _ body: (Int, DraftOutcome) throws -> Void
    ) throws {
        let chunk = 2_048
        @Sendable func prepare(_ start: Int) -> [Result<PreparedEntryRow, any Error>] {
            drafts[start..<min(start + chunk, drafts.count)].map { draft in Result { try PreparedEntryRow(draft) } }
        }
        var prepared = prepare(0)
        var start = 0
        while start < drafts.count {
            let next = start + chunk < drafts.count ? BackgroundResult { [start] in prepare(start + chunk) } : nil
            for (offset, row) in prepared.enumerated() {
                let index = start + offset
                let draft = drafts[index]
                do {
                    let existingID = policy == .fail ? nil : try String.fetchOne(
                        db.cachedStatement(sql: "SELECT id FROM dictionary_entries WHERE normalized_term = ? AND lang = ?"),
                        arguments: [(try? row.get())?.normalized ?? TermNormalizer.normalize(draft.term), draft.lang.rawValue])
                    if let existingID, policy == .skip {
                        try body(index, .kept(existingID))
                    } else if let existingID {
                        let (entry, change) = try replace(id: existingID, with: draft, db: db)
                        try body(index, .replaced(entry, change))
                    } else {
                        try body(index, .inserted(try insertRow(draft, prepared: row.get(), db: db)))
                    }
                } catch let error as EntryError {
                    throw EntryError.bulkItem(index: index, error: error)
                }
            }
            prepared = try next?.value() ?? []
            start += chunk
        }
    }

    /// Tells observers about a committed change.
    package func notify(upserted: [EntryChange], deleted: [String]) {
        guard !upserted.isEmpty || !deleted.isEmpty else { return }
        let current = lock.withLock { observers }
        for observer in current { observer.entriesChanged(upserted: upserted, deleted: deleted) }
    }

    // MARK: SQL

    private func insert(_ draft: EntryDraft, db: Database) throws -> (DictionaryEntry, EntryChange) {
        let change = try insertRow(draft, prepared: PreparedEntryRow(draft), db: db)
        guard let entry = try Self.fetchEntry(db, id: change.id) else { throw EntryError.notFound(id: change.id) }
        return (entry, change)
    }

    /// Writes a new entry's row and its embedding-queue items; the change is described from the draft (the row
    /// stores its lang, type and overall score as given).
    private func insertRow(_ draft: EntryDraft, prepared: PreparedEntryRow, db: Database) throws -> EntryChange {
        let id = RandomRowID.make()
        let now = Timestamp.now()
        do {
            try db.cachedStatement(sql: """
                INSERT INTO dictionary_entries (id, term, normalized_term, folded_term, lang, source_lang, lang_confidence,
                    type, definition, refs, metadata, quality_score, overall_score, ai_metadata, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                """).execute(arguments: [id] + prepared.arguments(draft) + [now, now])
        } catch let error as DatabaseError {
            throw Self.mapped(error, normalized: prepared.normalized, lang: draft.lang)
        }
        try queueEmbeddings(entryID: id, reason: "missing", extraModels: [], db: db)
        return EntryChange(id: id, created: true, embeddingTextChanged: true, lang: draft.lang, type: draft.type,
                           overallScore: draft.qualityScore.overall)
    }

    private func replace(id: String, with draft: EntryDraft, db: Database) throws -> (DictionaryEntry, EntryChange) {
        let prepared = try PreparedEntryRow(draft)
        guard let old = try Self.fetchEntry(db, id: id) else { throw EntryError.notFound(id: id) }
        do {
            try db.cachedStatement(sql: """
                UPDATE dictionary_entries SET term = ?, normalized_term = ?, folded_term = ?, lang = ?, source_lang = ?,
                    lang_confidence = ?, type = ?, definition = ?, refs = ?, metadata = ?, quality_score = ?, overall_score = ?,
                    ai_metadata = ?, updated_at = ?, version = version + 1
                WHERE id = ?
                """).execute(arguments: prepared.arguments(draft) + [Timestamp.now(), id])
        } catch let error as DatabaseError {
            throw Self.mapped(error, normalized: prepared.normalized, lang: draft.lang)
        }
        let textChanged = old.term != draft.term || old.definition != draft.definition
        if textChanged {
            let existingModels = try String.fetchAll(
                db.cachedStatement(sql: "SELECT DISTINCT model FROM term_embeddings WHERE entry_id = ?"), arguments: [id])
            try queueEmbeddings(entryID: id, reason: "stale", extraModels: existingModels, db: db)
        }
        guard let entry = try Self.fetchEntry(db, id: id) else { throw EntryError.notFound(id: id) }
        return (entry, EntryChange(id: id, created: false, embeddingTextChanged: textChanged, lang: entry.lang, type: entry.type, overallScore: entry.overallScore))
    }

    /// Enqueues `entryID` for each configured model plus `extraModels`; an open item for the same (entry, model)
    /// already exists → ignored by the partial unique index.
    private func queueEmbeddings(entryID: String, reason: String, extraModels: [String], db: Database) throws {
        for model in Set(embeddingModels + extraModels).sorted() {
            try db.cachedStatement(sql: """
                INSERT INTO embedding_queue (id, entry_id, model, reason) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
                """).execute(arguments: [RandomRowID.make(), entryID, model, reason])
        }
    }

    static func fetchEntry(_ db: Database, id: String) throws -> DictionaryEntry? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(EntryRow.columns) FROM dictionary_entries e WHERE e.id = ?"), arguments: [id]
        ).map(EntryRow.decode)
    }

    private static func mapped(_ error: DatabaseError, normalized: String, lang: Language) -> EntryError {
        if error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            return .duplicate(normalizedTerm: normalized, lang: lang.rawValue)
        }
        return .database(code: error.extendedResultCode.rawValue, message: error.message ?? "")
    }
}
