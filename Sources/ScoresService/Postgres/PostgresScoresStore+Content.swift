import DictPostgres
import PostgresNIO

extension PostgresScoresStore {
    // MARK: Versions and pages

    package func addVersion(scoreID: String, format: ScoreFormat, r2Key: String, fileSize: Int64?, now: String) async throws -> ScoreVersion {
        try await write { session in
            _ = try await fetchScore(id: scoreID, session: session, lock: true)
            var statement = PostgresStatement()
            let sql = """
                INSERT INTO score_versions (id, score_id, format, r2_key, file_size, processing_status, created_at, updated_at)
                VALUES (\(statement.bind(ScoresService.newID())), \(statement.bind(scoreID)), \(statement.bind(format.rawValue)), \(statement.bind(r2Key)),
                        \(statement.bind(fileSize))::bigint, 'pending', \(statement.bind(now)), \(statement.bind(now)))
                RETURNING \(PostgresScoresRow.versionColumns)
                """
            guard let row = try await session.query(statement.query(sql)).first else { throw ScoresError.scoreNotFound(id: scoreID) }
            return try PostgresScoresRow.version(row)
        }
    }

    package func transitionVersion(id: String, to status: ProcessingStatus, error: String?, now: String) async throws -> ScoreVersion {
        try await write { session in
            var find = PostgresStatement()
            let findSQL = "SELECT \(PostgresScoresRow.versionColumns) FROM score_versions WHERE id = \(find.bind(id)) FOR UPDATE"
            guard let row = try await session.query(find.query(findSQL)).first else { throw ScoresError.versionNotFound(id: id) }
            let current = try PostgresScoresRow.version(row)
            guard current.processingStatus.allowedNext.contains(status) else {
                throw ScoresError.illegalTransition(versionID: id, from: current.processingStatus, to: status)
            }
            var update = PostgresStatement()
            let updateSQL = """
                UPDATE score_versions SET processing_status = \(update.bind(status.rawValue)),
                    processing_error = \(update.bind(status == .failed ? error : nil))::text, updated_at = \(update.bind(now))
                WHERE id = \(update.bind(id)) AND processing_status = \(update.bind(current.processingStatus.rawValue))
                RETURNING \(PostgresScoresRow.versionColumns)
                """
            guard let updated = try await session.query(update.query(updateSQL)).first else { throw ScoresError.versionNotFound(id: id) }
            return try PostgresScoresRow.version(updated)
        }
    }

    package func versions(scoreID: String) async throws -> [ScoreVersion] {
        var statement = PostgresStatement()
        let sql = "SELECT \(PostgresScoresRow.versionColumns) FROM score_versions WHERE score_id = \(statement.bind(scoreID)) ORDER BY created_at, id"
        return try await read(statement.query(sql)).map(PostgresScoresRow.version)
    }

    package func addPage(_ page: ScorePageImage, now: String) async throws -> ScorePageImage {
        do {
            return try await write { session in
                _ = try await fetchScore(id: page.scoreID, session: session, lock: true)
                var statement = PostgresStatement()
                let sql = """
                    INSERT INTO score_pages (id, score_id, page_number, image_url, thumbnail_url, r2_key, mime_type, created_at)
                    VALUES (\(statement.bind(page.id)), \(statement.bind(page.scoreID)), \(statement.bind(page.pageNumber)), \(statement.bind(page.imageURL))::text,
                            \(statement.bind(page.thumbnailURL))::text, \(statement.bind(page.r2Key))::text, \(statement.bind(page.mimeType))::text, \(statement.bind(now)))
                    RETURNING \(PostgresScoresRow.pageColumns)
                    """
                guard let row = try await session.query(statement.query(sql)).first else { throw ScoresError.scoreNotFound(id: page.scoreID) }
                return try PostgresScoresRow.page(row)
            }
        } catch let failure as PostgresFailure where failure.sqlState == "23505" {
            throw ScoresError.duplicatePage(scoreID: page.scoreID, pageNumber: page.pageNumber)
        }
    }

    package func pages(scoreID: String) async throws -> [ScorePageImage] {
        var statement = PostgresStatement()
        let sql = "SELECT \(PostgresScoresRow.pageColumns) FROM score_pages WHERE score_id = \(statement.bind(scoreID)) ORDER BY page_number"
        return try await read(statement.query(sql)).map(PostgresScoresRow.page)
    }

    // MARK: Favorites and analytics

    package func addFavorite(userID: String, scoreID: String, now: String) async throws -> Bool {
        try await write { session in
            _ = try await fetchScore(id: scoreID, session: session, lock: true)
            var statement = PostgresStatement()
            let sql = """
                INSERT INTO user_score_favorites (id, user_id, score_id, created_at)
                VALUES (\(statement.bind(ScoresService.newID())), \(statement.bind(userID)), \(statement.bind(scoreID)), \(statement.bind(now)))
                ON CONFLICT (user_id, score_id) DO NOTHING RETURNING 1
                """
            return try await session.query(statement.query(sql)).count == 1
        }
    }

    package func removeFavorite(userID: String, scoreID: String) async throws -> Bool {
        var statement = PostgresStatement()
        let sql = "DELETE FROM user_score_favorites WHERE user_id = \(statement.bind(userID)) AND score_id = \(statement.bind(scoreID)) RETURNING 1"
        return try await write { session in try await session.query(statement.query(sql)).count == 1 }
    }

    package func favoriteScoreIDs(userID: String) async throws -> [String] {
        var statement = PostgresStatement()
        let sql = "SELECT score_id FROM user_score_favorites WHERE user_id = \(statement.bind(userID))"
        return try await read(statement.query(sql)).map { try $0.decode(String.self) }
    }

    package func favorites(userID: String) async throws -> [Score] {
        var statement = PostgresStatement()
        let sql = """
            SELECT \(PostgresScoresRow.scoreColumnsOfS)
            FROM user_score_favorites AS f JOIN scores AS s ON s.id = f.score_id
            WHERE f.user_id = \(statement.bind(userID)) ORDER BY f.created_at DESC, f.id
            """
        return try await read(statement.query(sql)).map(PostgresScoresRow.score)
    }

    /// One upsert: the row lock of `ON CONFLICT DO UPDATE` makes concurrent increments add up.
    package func increment(_ counter: ScoreCounter, scoreID: String, now: String) async throws {
        let column = counter.column
        var statement = PostgresStatement()
        let sql = """
            INSERT INTO score_analytics (score_id, \(column), last_viewed_at, updated_at)
            VALUES (\(statement.bind(scoreID)), 1, \(statement.bind(counter == .view ? now : nil))::text, \(statement.bind(now)))
            ON CONFLICT (score_id) DO UPDATE SET
                \(column) = score_analytics.\(column) + 1,
                last_viewed_at = coalesce(excluded.last_viewed_at, score_analytics.last_viewed_at),
                updated_at = excluded.updated_at
            """
        do {
            try await write { session in _ = try await session.query(statement.query(sql)) }
        } catch let failure as PostgresFailure where failure.sqlState == "23503" {
            throw ScoresError.scoreNotFound(id: scoreID)
        }
    }

    package func analytics(scoreID: String) async throws -> ScoreAnalytics {
        var statement = PostgresStatement()
        let sql = """
            SELECT coalesce(a.view_count, 0), coalesce(a.download_count, 0), coalesce(a.render_count, 0), a.last_viewed_at
            FROM (SELECT 1) AS one LEFT JOIN score_analytics AS a ON a.score_id = \(statement.bind(scoreID))
            """
        return try await snapshot { session in
            _ = try await fetchScore(id: scoreID, session: session)
            guard let row = try await session.query(statement.query(sql)).first else { throw ScoresError.scoreNotFound(id: scoreID) }
            let (views, downloads, renders, lastViewed) = try row.decode((Int64, Int64, Int64, String?).self)
            return ScoreAnalytics(scoreID: scoreID, viewCount: views, downloadCount: downloads, renderCount: renders, lastViewedAt: lastViewed)
        }
    }

    package func popular(limit: Int) async throws -> [Score] {
        var statement = PostgresStatement()
        let sql = """
            SELECT \(PostgresScoresRow.scoreColumnsOfS)
            FROM scores AS s JOIN score_analytics AS a ON a.score_id = s.id
            WHERE s.visibility = 'public'
            ORDER BY a.view_count DESC, s.title, s.id LIMIT \(statement.bind(limit))
            """
        return try await read(statement.query(sql)).map(PostgresScoresRow.score)
    }

    // MARK: Search

    package func search(_ query: ScoreQuery, limit: Int, offset: Int) async throws -> [Score] {
        try await snapshot { session in
            var statement = PostgresStatement()
            let sql = try await searchSQL(query, &statement, session: session)
                + " LIMIT \(statement.bind(limit)) OFFSET \(statement.bind(offset))"
            return try await session.query(statement.query(sql)).map(PostgresScoresRow.score)
        }
    }

    /// `EXPLAIN`'s lines (PostgreSQL chooses by its statistics, so on a small table a sequential scan is normal).
    package func searchPlan(_ query: ScoreQuery) async throws -> [String] {
        try await snapshot { session in
            var statement = PostgresStatement()
            let sql = "EXPLAIN " + (try await searchSQL(query, &statement, session: session))
            return try await session.query(statement.query(sql)).map { try $0.decode(String.self) }
        }
    }

    /// SQLite's statement without its unary `+` (an SQLite planner hint; PostgreSQL plans by statistics).
    private func searchSQL(_ query: ScoreQuery, _ statement: inout PostgresStatement, session: PostgresSession) async throws -> String {
        var conditions: [String] = []
        if let composer = query.composer {
            let canonical = try await canonicalComposer(composer, session: session) ?? composer
            conditions.append("composer = \(statement.bind(canonical))")
        }
        if let instrument = query.instrument { conditions.append("instrument = \(statement.bind(instrument.rawValue))") }
        if let difficulty = query.difficulty { conditions.append("difficulty = \(statement.bind(difficulty.rawValue))") }
        if let stylePeriod = query.stylePeriod { conditions.append("style_period = \(statement.bind(stylePeriod.rawValue))") }
        if let viewerID = query.viewerID {
            conditions.append("(visibility = 'public' OR user_id = \(statement.bind(viewerID)))")
        } else {
            conditions.append("visibility = 'public'")
        }
        return "SELECT \(PostgresScoresRow.scoreColumns) FROM scores WHERE \(conditions.joined(separator: " AND ")) ORDER BY title, id"
    }
}
