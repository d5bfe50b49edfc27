package import DictStore
import GRDB

/// `ScoresStore` on the SQLite file `scores.db`: each write one `BEGIN IMMEDIATE` transaction, each read one
/// snapshot.
package struct SQLiteScoresStore: ScoresStore {
    /// The migrated scores database.
    package let database: StoreDatabase

    package init(database: StoreDatabase) { self.database = database }

    // MARK: Scores

    package func addScore(_ input: NewScore, onDuplicate policy: DuplicatePolicy, now: String) async throws -> ScoreAddOutcome {
        try database.write { db in
            let canonical = try input.composer.flatMap { try Self.canonicalComposer($0, in: db) }
            let normalizedID = try ScoresService.normalizedID(of: input, canonicalComposer: canonical)
            if let existing = try Row.fetchOne(db, sql: "SELECT \(SQLiteScoresRow.scoreColumns) FROM scores WHERE normalized_id = ?", arguments: [normalizedID]) {
                let score = try SQLiteScoresRow.score(existing)
                switch policy {
                case .refuse: throw ScoresError.duplicateScore(normalizedID: normalizedID, existingID: score.id)
                case .merge:
                    try db.execute(sql: """
                        UPDATE scores SET
                            difficulty = coalesce(difficulty, ?),
                            difficulty_level = coalesce(difficulty_level, ?),
                            style_period = coalesce(style_period, ?),
                            tags = ?,
                            updated_at = ?
                        WHERE id = ?
                        """, arguments: [input.difficulty?.rawValue, input.difficultyLevel, input.stylePeriod?.rawValue,
                                         JSONText.encode(ScoresService.mergedTags(score, input)), now, score.id])
                    return .merged(try fetchScore(id: score.id, db: db))
                }
            }
            let id = ScoresService.newID()
            let slug = try uniqueSlug(ScoresService.slugBase(of: input), id: id, db: db)
            try db.execute(sql: """
                INSERT INTO scores (id, title, composer, opus, instrument, difficulty, difficulty_level, style_period, source,
                                    slug, tags, visibility, user_id, normalized_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    id, input.title, canonical ?? input.composer, input.opus, input.instrument.rawValue, input.difficulty?.rawValue,
                    input.difficultyLevel, input.stylePeriod?.rawValue, input.source.rawValue, slug,
                    JSONText.encode(ScoresService.uniqued(input.tags)), input.visibility.rawValue, input.userID, normalizedID, now, now,
                ])
            try db.execute(sql: "INSERT INTO score_analytics (score_id, updated_at) VALUES (?, ?)", arguments: [id, now])
            return .created(try fetchScore(id: id, db: db))
        }
    }

    package func score(id: String) async throws -> Score? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(SQLiteScoresRow.scoreColumns) FROM scores WHERE id = ?", arguments: [id]).map(SQLiteScoresRow.score)
        }
    }

    package func deleteScore(id: String, now: String) async throws -> Bool {
        try database.write { db in
            let collectionIDs = try String.fetchAll(db, sql: "SELECT collection_id FROM collection_members WHERE score_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM scores WHERE id = ?", arguments: [id])
            guard db.changesCount == 1 else { return false }
            for collectionID in collectionIDs { try rewriteScoreIDs(collectionID: collectionID, now: now, db: db) }
            return true
        }
    }

    package func backfillNormalizedIDs() async throws -> Int {
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

    package func dedupeInputs() async throws -> (aliases: [String: String], scores: [Score]) {
        try database.read { db in
            let aliases = try Dictionary(
                Row.fetchAll(db, sql: "SELECT alias, canonical FROM composer_aliases").map { ($0["alias"] as String, $0["canonical"] as String) },
                uniquingKeysWith: { first, _ in first })
            let scores = try Row.fetchAll(db, sql: "SELECT \(SQLiteScoresRow.scoreColumns) FROM scores ORDER BY created_at, id").map(SQLiteScoresRow.score)
            return (aliases, scores)
        }
    }

    // MARK: Versions and pages

    package func addVersion(scoreID: String, format: ScoreFormat, r2Key: String, fileSize: Int64?, now: String) async throws -> ScoreVersion {
        try database.write { db in
            _ = try fetchScore(id: scoreID, db: db)
            let id = ScoresService.newID()
            try db.execute(sql: """
                INSERT INTO score_versions (id, score_id, format, r2_key, file_size, processing_status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)
                """, arguments: [id, scoreID, format.rawValue, r2Key, fileSize, now, now])
            return try fetchVersion(id: id, db: db)
        }
    }

    package func transitionVersion(id: String, to status: ProcessingStatus, error: String?, now: String) async throws -> ScoreVersion {
        try database.write { db in
            let current = try fetchVersion(id: id, db: db)
            guard current.processingStatus.allowedNext.contains(status) else {
                throw ScoresError.illegalTransition(versionID: id, from: current.processingStatus, to: status)
            }
            try db.execute(sql: """
                UPDATE score_versions SET processing_status = ?, processing_error = ?, updated_at = ?
                WHERE id = ? AND processing_status = ?
                """, arguments: [status.rawValue, status == .failed ? error : nil, now, id, current.processingStatus.rawValue])
            return try fetchVersion(id: id, db: db)
        }
    }

    package func versions(scoreID: String) async throws -> [ScoreVersion] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(SQLiteScoresRow.versionColumns) FROM score_versions WHERE score_id = ? ORDER BY created_at, id",
                             arguments: [scoreID]).map(SQLiteScoresRow.version)
        }
    }

    package func addPage(_ page: ScorePageImage, now: String) async throws -> ScorePageImage {
        try database.write { db in
            _ = try fetchScore(id: page.scoreID, db: db)
            do {
                try db.execute(sql: """
                    INSERT INTO score_pages (id, score_id, page_number, image_url, thumbnail_url, r2_key, mime_type, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [page.id, page.scoreID, page.pageNumber, page.imageURL, page.thumbnailURL, page.r2Key, page.mimeType, now])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw ScoresError.duplicatePage(scoreID: page.scoreID, pageNumber: page.pageNumber)
            }
            let row = try Row.fetchOne(db, sql: "SELECT \(SQLiteScoresRow.pageColumns) FROM score_pages WHERE id = ?", arguments: [page.id])
            guard let row else { throw ScoresError.scoreNotFound(id: page.scoreID) }
            return SQLiteScoresRow.page(row)
        }
    }

    package func pages(scoreID: String) async throws -> [ScorePageImage] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(SQLiteScoresRow.pageColumns) FROM score_pages WHERE score_id = ? ORDER BY page_number",
                             arguments: [scoreID]).map(SQLiteScoresRow.page)
        }
    }

    // MARK: Favorites and analytics

    package func addFavorite(userID: String, scoreID: String, now: String) async throws -> Bool {
        try database.write { db in
            _ = try fetchScore(id: scoreID, db: db)
            try db.execute(sql: """
                INSERT INTO user_score_favorites (id, user_id, score_id, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id, score_id) DO NOTHING
                """, arguments: [ScoresService.newID(), userID, scoreID, now])
            return db.changesCount == 1
        }
    }

    package func removeFavorite(userID: String, scoreID: String) async throws -> Bool {
        try database.write { db in
            try db.execute(sql: "DELETE FROM user_score_favorites WHERE user_id = ? AND score_id = ?", arguments: [userID, scoreID])
            return db.changesCount == 1
        }
    }

    package func favoriteScoreIDs(userID: String) async throws -> [String] {
        try database.read { db in
            try String.fetchAll(db, sql: "SELECT score_id FROM user_score_favorites WHERE user_id = ?", arguments: [userID])
        }
    }

    package func favorites(userID: String) async throws -> [Score] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(SQLiteScoresRow.scoreColumnsOfS)
                FROM user_score_favorites AS f JOIN scores AS s ON s.id = f.score_id
                WHERE f.user_id = ? ORDER BY f.created_at DESC, f.id
                """, arguments: [userID]).map(SQLiteScoresRow.score)
        }
    }

    package func increment(_ counter: ScoreCounter, scoreID: String, now: String) async throws {
        let column = counter.column
        let lastViewed = counter == .view ? now : nil
        try database.write { db in
            do {
                try db.execute(sql: """
                    INSERT INTO score_analytics (score_id, \(column), last_viewed_at, updated_at) VALUES (?, 1, ?, ?)
                    ON CONFLICT (score_id) DO UPDATE SET
                        \(column) = \(column) + 1,
                        last_viewed_at = coalesce(excluded.last_viewed_at, last_viewed_at),
                        updated_at = excluded.updated_at
                    """, arguments: [scoreID, lastViewed, now])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
                throw ScoresError.scoreNotFound(id: scoreID)
            }
        }
    }

    package func analytics(scoreID: String) async throws -> ScoreAnalytics {
        try database.read { db in
            _ = try fetchScore(id: scoreID, db: db)
            let row = try Row.fetchOne(db, sql: """
                SELECT coalesce(a.view_count, 0) AS view_count, coalesce(a.download_count, 0) AS download_count,
                       coalesce(a.render_count, 0) AS render_count, a.last_viewed_at
                FROM (SELECT 1) LEFT JOIN score_analytics AS a ON a.score_id = ?
                """, arguments: [scoreID])
            guard let row else { throw ScoresError.scoreNotFound(id: scoreID) }
            return ScoreAnalytics(scoreID: scoreID, viewCount: row["view_count"], downloadCount: row["download_count"],
                                  renderCount: row["render_count"], lastViewedAt: row["last_viewed_at"])
        }
    }

    package func popular(limit: Int) async throws -> [Score] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(SQLiteScoresRow.scoreColumnsOfS)
                FROM scores AS s JOIN score_analytics AS a ON a.score_id = s.id
                WHERE s.visibility = 'public'
                ORDER BY a.view_count DESC, s.title, s.id LIMIT ?
                """, arguments: [limit]).map(SQLiteScoresRow.score)
        }
    }

    // MARK: Search

    package func search(_ query: ScoreQuery, limit: Int, offset: Int) async throws -> [Score] {
        try database.read { db in
            let (sql, arguments) = try searchSQL(query, db: db)
            return try Row.fetchAll(db, sql: sql + " LIMIT ? OFFSET ?", arguments: arguments + [limit, offset]).map(SQLiteScoresRow.score)
        }
    }

    /// `EXPLAIN QUERY PLAN`'s detail lines.
    package func searchPlan(_ query: ScoreQuery) async throws -> [String] {
        try database.read { db in
            let (sql, arguments) = try searchSQL(query, db: db)
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
    }

    private func searchSQL(_ query: ScoreQuery, db: Database) throws -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let composer = query.composer {
            conditions.append("composer = ?")
            arguments += [try Self.canonicalComposer(composer, in: db) ?? composer]
        }
        if let instrument = query.instrument {
            conditions.append("instrument = ?")
            arguments += [instrument.rawValue]
        }
        if let difficulty = query.difficulty {
            conditions.append("difficulty = ?")
            arguments += [difficulty.rawValue]
        }
        if let stylePeriod = query.stylePeriod {
            conditions.append("style_period = ?")
            arguments += [stylePeriod.rawValue]
        }
        // The unary `+` keeps the low-selectivity visibility term from being chosen as the index (without
        // ANALYZE statistics SQLite would rate idx_scores_visibility as good as the filter's own index).
        if let viewerID = query.viewerID {
            conditions.append("(+visibility = 'public' OR user_id = ?)")
            arguments += [viewerID]
        } else {
            conditions.append("+visibility = 'public'")
        }
        let sql = "SELECT \(SQLiteScoresRow.scoreColumns) FROM scores WHERE \(conditions.joined(separator: " AND ")) ORDER BY title, id"
        return (sql, arguments)
    }

    // MARK: Inside a transaction

    func fetchScore(id: String, db: Database) throws -> Score {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(SQLiteScoresRow.scoreColumns) FROM scores WHERE id = ?", arguments: [id]) else {
            throw ScoresError.scoreNotFound(id: id)
        }
        return try SQLiteScoresRow.score(row)
    }

    static func canonicalComposer(_ composer: String, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT canonical FROM composer_aliases WHERE alias = ?", arguments: [ScoreNormalizer.composerKey(composer)])
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

    private func fetchVersion(id: String, db: Database) throws -> ScoreVersion {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(SQLiteScoresRow.versionColumns) FROM score_versions WHERE id = ?", arguments: [id]) else {
            throw ScoresError.versionNotFound(id: id)
        }
        return try SQLiteScoresRow.version(row)
    }
}
