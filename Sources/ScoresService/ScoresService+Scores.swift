import Foundation
import DictStore
import GRDB

extension ScoresService {
    /// Adds a score. Its composer is canonicalized through `composer_aliases`, its normalized id computed by
    /// `ScoreNormalizer`; an existing score with the same id is refused or merged per `policy`.
    /// One transaction; the score gets its analytics row at once.
    package func addScore(_ input: NewScore, onDuplicate policy: DuplicatePolicy = .refuse) throws -> ScoreAddOutcome {
        let title = try Self.requireText(input.title, field: "title")
        let composer = try Self.optionalText(input.composer, field: "composer")
        let opus = try Self.optionalText(input.opus, field: "opus")
        if let level = input.difficultyLevel, !(1...10).contains(level) {
            throw ScoresError.invalidInput(field: "difficulty_level", reason: "\(level) is outside 1...10")
        }
        let tags = try input.tags.map { try Self.requireText($0, field: "tag") }
        let userID = try Self.optionalText(input.userID, field: "user_id")
        return try database.write { db in
            let canonical = try composer.flatMap { try Self.canonicalComposer($0, in: db) }
            guard let normalizedID = ScoreNormalizer.normalizedID(title: title, composer: composer, opus: opus, canonicalComposer: canonical) else {
                throw ScoresError.invalidInput(field: "title", reason: "has no letters or digits")
            }
            if let existing = try Row.fetchOne(db, sql: "SELECT \(Score.columns) FROM scores WHERE normalized_id = ?", arguments: [normalizedID]) {
                let score = try Score(row: existing)
                switch policy {
                case .refuse: throw ScoresError.duplicateScore(normalizedID: normalizedID, existingID: score.id)
                case .merge: return .merged(try merge(input, into: score, db: db))
                }
            }
            let id = Self.newID()
            let slug = try uniqueSlug(Self.slug([title, opus].compactMap { $0 }.joined(separator: " ")), id: id, db: db)
            let now = Timestamp.now()
            try db.execute(sql: """
                INSERT INTO scores (id, title, composer, opus, instrument, difficulty, difficulty_level, style_period, source,
                                    slug, tags, visibility, user_id, normalized_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    id, title, canonical ?? composer, opus, input.instrument.rawValue, input.difficulty?.rawValue,
                    input.difficultyLevel, input.stylePeriod?.rawValue, input.source.rawValue, slug,
                    JSONText.encode(Self.uniqued(tags)), input.visibility.rawValue, userID, normalizedID, now, now,
                ])
            try db.execute(sql: "INSERT INTO score_analytics (score_id, updated_at) VALUES (?, ?)", arguments: [id, now])
            return .created(try fetchScore(id: id, db: db))
        }
    }

    /// The score with this id.
    package func score(id: String) throws -> Score {
        try database.read { db in try fetchScore(id: id, db: db) }
    }

    /// Deletes a score; versions, pages, analytics and memberships cascade, and the JSON `score_ids` of the
    /// collections it was in are rewritten in the same transaction.
    package func deleteScore(id: String) throws {
        try database.write { db in
            let collectionIDs = try String.fetchAll(db, sql: "SELECT collection_id FROM collection_members WHERE score_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM scores WHERE id = ?", arguments: [id])
            guard db.changesCount == 1 else { throw ScoresError.scoreNotFound(id: id) }
            for collectionID in collectionIDs { try rewriteScoreIDs(collectionID: collectionID, db: db) }
        }
    }

    /// Sets `normalized_id` on rows that lack it (rows from before migration 0018), skipping rows whose id is
    /// already taken: those are duplicates for `dedupeReport`. Returns how many rows were filled.
    @discardableResult
    package func backfillNormalizedIDs() throws -> Int {
        try database.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, title, composer, opus FROM scores WHERE normalized_id IS NULL ORDER BY created_at, id")
            var filled = 0
            for row in rows {
                let composer: String? = row["composer"]
                let canonical = try composer.flatMap { try Self.canonicalComposer($0, in: db) }
                guard let normalizedID = ScoreNormalizer.normalizedID(title: row["title"], composer: composer, opus: row["opus"], canonicalComposer: canonical) else { continue }
                try db.execute(sql: """
                    UPDATE scores SET normalized_id = ?
                    WHERE id = ? AND NOT EXISTS (SELECT 1 FROM scores WHERE normalized_id = ?)
                    """, arguments: [normalizedID, row["id"], normalizedID])
                filled += db.changesCount
            }
            return filled
        }
    }

    /// Groups of scores that are the same work by the normalizer's rule, recomputed from each row's current
    /// composer, title and opus (so rows without or with a stale `normalized_id` are caught). O(n) over `scores`.
    package func dedupeReport() throws -> [DuplicateGroup] {
        try database.read { db in
            let aliases = try Dictionary(
                Row.fetchAll(db, sql: "SELECT alias, canonical FROM composer_aliases").map { ($0["alias"] as String, $0["canonical"] as String) },
                uniquingKeysWith: { first, _ in first })
            var groups: [String: [Score]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT \(Score.columns) FROM scores ORDER BY created_at, id") {
                let score = try Score(row: row)
                let canonical = score.composer.flatMap { aliases[ScoreNormalizer.composerKey($0)] }
                guard let key = ScoreNormalizer.normalizedID(title: score.title, composer: score.composer, opus: score.opus, canonicalComposer: canonical) else { continue }
                groups[key, default: []].append(score)
            }
            return groups.filter { $0.value.count > 1 }
                .map { DuplicateGroup(normalizedID: $0.key, scores: $0.value) }
                .sorted { $0.normalizedID < $1.normalizedID }
        }
    }

    // MARK: - Helpers shared by the extensions

    func fetchScore(id: String, db: Database) throws -> Score {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(Score.columns) FROM scores WHERE id = ?", arguments: [id]) else {
            throw ScoresError.scoreNotFound(id: id)
        }
        return try Score(row: row)
    }

    static func canonicalComposer(_ composer: String, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT canonical FROM composer_aliases WHERE alias = ?", arguments: [ScoreNormalizer.composerKey(composer)])
    }

    static func uniqued(_ strings: [String]) -> [String] {
        var seen = Set<String>()
        return strings.filter { seen.insert($0).inserted }
    }

    /// `base`, or `base-2`, `base-3`… when taken; the id when the text has no slug characters.
    private func uniqueSlug(_ base: String, id: String, db: Database) throws -> String {
        guard !base.isEmpty else { return id }
        var candidate = base
        var suffix = 2
        while try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM scores WHERE slug = ?)", arguments: [candidate]) == true {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        return candidate
    }

    private func merge(_ input: NewScore, into score: Score, db: Database) throws -> Score {
        let tags = Self.uniqued(score.tags + input.tags.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty })
        try db.execute(sql: """
            UPDATE scores SET
                difficulty = coalesce(difficulty, ?),
                difficulty_level = coalesce(difficulty_level, ?),
                style_period = coalesce(style_period, ?),
                tags = ?,
                updated_at = ?
            WHERE id = ?
            """, arguments: [input.difficulty?.rawValue, input.difficultyLevel, input.stylePeriod?.rawValue,
                             JSONText.encode(tags), Timestamp.now(), score.id])
        return try fetchScore(id: score.id, db: db)
    }
}
