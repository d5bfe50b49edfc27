package import DictPostgres
import DictStore
import PostgresNIO

/// `ScoresStore` on PostgreSQL's `scores` schema (sessions whose `search_path` names it). Each write is one READ
/// COMMITTED transaction on a connection of its own (a pooled session leases one per transaction); reads of several statements run in one
/// `REPEATABLE READ` snapshot. Where SQLite's single writer made a read-then-write safe, the row is locked
/// (`FOR UPDATE`: the duplicate being merged, the version being moved, the collection being changed), and an
/// insert that lost a race on a unique key (two adds of one work or one slug) is run again, once it sees the
/// winner's row.
package struct PostgresScoresStore: ScoresStore {
    /// Where the operations run: a pooled session (`PostgresSession.pooled`) lets several run at once, each
    /// transaction on a connection of its own; a one-connection session serves one caller at a time.
    let session: PostgresSession

    package init(session: PostgresSession) { self.session = session }

    // MARK: Scores

    package func addScore(_ input: NewScore, onDuplicate policy: DuplicatePolicy, now: String) async throws -> ScoreAddOutcome {
        var attempt = 1
        while true {
            do {
                return try await write { session in try await addScore(input, onDuplicate: policy, now: now, session: session) }
            } catch let failure as PostgresFailure where failure.sqlState == "23505" && attempt < 3 {
                attempt += 1
            }
        }
    }

    private func addScore(_ input: NewScore, onDuplicate policy: DuplicatePolicy, now: String, session: PostgresSession) async throws -> ScoreAddOutcome {
        let canonical = try await canonicalComposer(input.composer, session: session)
        let normalizedID = try ScoresService.normalizedID(of: input, canonicalComposer: canonical)
        var find = PostgresStatement()
        let findSQL = "SELECT \(PostgresScoresRow.scoreColumns) FROM scores WHERE normalized_id = \(find.bind(normalizedID)) FOR UPDATE"
        if let row = try await session.query(find.query(findSQL)).first {
            let score = try PostgresScoresRow.score(row)
            switch policy {
            case .refuse: throw ScoresError.duplicateScore(normalizedID: normalizedID, existingID: score.id)
            case .merge:
                var merge = PostgresStatement()
                let mergeSQL = """
                    UPDATE scores SET
                        difficulty = coalesce(difficulty, \(merge.bind(input.difficulty?.rawValue))::text),
                        difficulty_level = coalesce(difficulty_level, \(merge.bind(input.difficultyLevel))::bigint),
                        style_period = coalesce(style_period, \(merge.bind(input.stylePeriod?.rawValue))::text),
                        tags = \(merge.bind(JSONText.encode(ScoresService.mergedTags(score, input))))::jsonb,
                        updated_at = \(merge.bind(now))
                    WHERE id = \(merge.bind(score.id)) RETURNING \(PostgresScoresRow.scoreColumns)
                    """
                guard let merged = try await session.query(merge.query(mergeSQL)).first else { throw ScoresError.scoreNotFound(id: score.id) }
                return .merged(try PostgresScoresRow.score(merged))
            }
        }
        let id = ScoresService.newID()
        let slug = try await uniqueSlug(ScoresService.slugBase(of: input), id: id, session: session)
        var insert = PostgresStatement()
        let insertSQL = """
            INSERT INTO scores (id, title, composer, opus, instrument, difficulty, difficulty_level, style_period, source,
                                slug, tags, visibility, user_id, normalized_id, created_at, updated_at)
            VALUES (\(insert.bind(id)), \(insert.bind(input.title)), \(insert.bind(canonical ?? input.composer)), \(insert.bind(input.opus)),
                    \(insert.bind(input.instrument.rawValue)), \(insert.bind(input.difficulty?.rawValue)), \(insert.bind(input.difficultyLevel)),
                    \(insert.bind(input.stylePeriod?.rawValue)), \(insert.bind(input.source.rawValue)), \(insert.bind(slug)),
                    \(insert.bind(JSONText.encode(ScoresService.uniqued(input.tags))))::jsonb, \(insert.bind(input.visibility.rawValue)),
                    \(insert.bind(input.userID)), \(insert.bind(normalizedID)), \(insert.bind(now)), \(insert.bind(now)))
            RETURNING \(PostgresScoresRow.scoreColumns)
            """
        guard let row = try await session.query(insert.query(insertSQL)).first else { throw ScoresError.scoreNotFound(id: id) }
        var analytics = PostgresStatement()
        let analyticsSQL = "INSERT INTO score_analytics (score_id, updated_at) VALUES (\(analytics.bind(id)), \(analytics.bind(now)))"
        try await session.query(analytics.query(analyticsSQL))
        return .created(try PostgresScoresRow.score(row))
    }

    package func score(id: String) async throws -> Score? {
        var statement = PostgresStatement()
        let sql = "SELECT \(PostgresScoresRow.scoreColumns) FROM scores WHERE id = \(statement.bind(id))"
        return try await read(statement.query(sql)).first.map(PostgresScoresRow.score)
    }

    package func deleteScore(id: String, now: String) async throws -> Bool {
        try await write { session in
            var members = PostgresStatement()
            let membersSQL = """
                SELECT id FROM user_collections WHERE id IN (SELECT collection_id FROM collection_members WHERE score_id = \(members.bind(id)))
                ORDER BY id FOR UPDATE
                """
            let collectionIDs = try await session.query(members.query(membersSQL)).map { try $0.decode(String.self) }
            var delete = PostgresStatement()
            let deleteSQL = "DELETE FROM scores WHERE id = \(delete.bind(id)) RETURNING id"
            guard try await !session.query(delete.query(deleteSQL)).isEmpty else { return false }
            for collectionID in collectionIDs { _ = try await rewriteScoreIDs(collectionID: collectionID, now: now, session: session) }
            return true
        }
    }

    package func backfillNormalizedIDs() async throws -> Int {
        try await write { session in
            let rows = try await session.execute("SELECT id, title, composer, opus FROM scores WHERE normalized_id IS NULL ORDER BY created_at, id FOR UPDATE")
            var filled = 0
            for row in rows {
                let (id, title, composer, opus) = try row.decode((String, String, String?, String?).self)
                let canonical = try await canonicalComposer(composer, session: session)
                guard let normalizedID = ScoreNormalizer.normalizedID(title: title, composer: composer, opus: opus, canonicalComposer: canonical) else { continue }
                var update = PostgresStatement()
                let key = update.bind(normalizedID)
                let sql = """
                    UPDATE scores SET normalized_id = \(key)
                    WHERE id = \(update.bind(id)) AND NOT EXISTS (SELECT 1 FROM scores WHERE normalized_id = \(key)) RETURNING 1
                    """
                filled += try await session.query(update.query(sql)).count
            }
            return filled
        }
    }

    package func dedupeInputs() async throws -> (aliases: [String: String], scores: [Score]) {
        try await snapshot { session in
            let aliases = Dictionary(
                try await session.execute("SELECT alias, canonical FROM composer_aliases").map { try $0.decode((String, String).self) },
                uniquingKeysWith: { first, _ in first })
            let scores = try await session.execute("SELECT \(PostgresScoresRow.scoreColumns) FROM scores ORDER BY created_at, id").map(PostgresScoresRow.score)
            return (aliases, scores)
        }
    }

    // MARK: Transactions

    /// One statement.
    func read(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await session.query(query)
    }

    /// `body` in one READ COMMITTED transaction.
    func write<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        try await session.transaction(body)
    }

    /// `body` in one read-only snapshot (`REPEATABLE READ`).
    func snapshot<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        try await session.snapshot(body)
    }


    func fetchScore(id: String, session: PostgresSession, lock: Bool = false) async throws -> Score {
        var statement = PostgresStatement()
        let sql = "SELECT \(PostgresScoresRow.scoreColumns) FROM scores WHERE id = \(statement.bind(id))\(lock ? " FOR KEY SHARE" : "")"
        guard let row = try await session.query(statement.query(sql)).first else { throw ScoresError.scoreNotFound(id: id) }
        return try PostgresScoresRow.score(row)
    }

    /// The canonical name of `composer` through `composer_aliases`; nil without an alias (or a composer).
    func canonicalComposer(_ composer: String?, session: PostgresSession) async throws -> String? {
        guard let composer else { return nil }
        var statement = PostgresStatement()
        let sql = "SELECT canonical FROM composer_aliases WHERE alias = \(statement.bind(ScoreNormalizer.composerKey(composer)))"
        return try await session.query(statement.query(sql)).first?.decode(String.self)
    }

    /// `base`, or `base-2`, `base-3`… when taken; the id when the text has no slug characters.
    private func uniqueSlug(_ base: String, id: String, session: PostgresSession) async throws -> String {
        guard !base.isEmpty else { return id }
        var candidate = base
        var suffix = 2
        while true {
            var statement = PostgresStatement()
            let sql = "SELECT EXISTS (SELECT 1 FROM scores WHERE slug = \(statement.bind(candidate)))"
            guard try await session.query(statement.query(sql)).first?.decode(Bool.self) == true else { return candidate }
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
    }
}
