import DictPostgres
import PostgresNIO

extension PostgresScoresStore {
    package func insertCollection(_ collection: ScoreCollection, ownerType: String) async throws -> ScoreCollection {
        var statement = PostgresStatement()
        let sql = """
            INSERT INTO user_collections (id, user_id, name, slug, description, visibility, collection_type, owner_type,
                                          score_ids, created_at, updated_at)
            VALUES (\(statement.bind(collection.id)), \(statement.bind(collection.userID)), \(statement.bind(collection.name)), \(statement.bind(collection.slug)),
                    \(statement.bind(collection.description))::text, \(statement.bind(collection.visibility.rawValue)), \(statement.bind(collection.kind.rawValue)),
                    \(statement.bind(ownerType)), '[]'::jsonb, \(statement.bind(collection.createdAt)), \(statement.bind(collection.updatedAt)))
            RETURNING \(PostgresScoresRow.collectionColumns)
            """
        do {
            return try await write { session in
                guard let row = try await session.query(statement.query(sql)).first else { throw ScoresError.collectionNotFound(id: collection.id) }
                return try PostgresScoresRow.collection(row)
            }
        } catch let failure as PostgresFailure where failure.sqlState == "23505" {
            throw ScoresError.slugTaken(userID: collection.userID, slug: collection.slug)
        }
    }

    package func collection(id: String) async throws -> ScoreCollection? {
        var statement = PostgresStatement()
        let sql = "SELECT \(PostgresScoresRow.collectionColumns) FROM user_collections WHERE id = \(statement.bind(id))"
        return try await read(statement.query(sql)).first.map(PostgresScoresRow.collection)
    }

    package func collections(userID: String) async throws -> [ScoreCollection] {
        var statement = PostgresStatement()
        let sql = "SELECT \(PostgresScoresRow.collectionColumns) FROM user_collections WHERE user_id = \(statement.bind(userID)) ORDER BY name, id"
        return try await read(statement.query(sql)).map(PostgresScoresRow.collection)
    }

    package func addToCollection(collectionID: String, scoreID: String, now: String) async throws -> ScoreCollection {
        do {
            return try await write { session in
                _ = try await lockCollection(collectionID, session: session)
                _ = try await fetchScore(id: scoreID, session: session, lock: true)
                var insert = PostgresStatement()
                let collection = insert.bind(collectionID)
                let sql = """
                    INSERT INTO collection_members (id, collection_id, score_id, display_order, added_at)
                    SELECT \(insert.bind(ScoresService.newID())), \(collection), \(insert.bind(scoreID)),
                           coalesce(max(display_order) + 1, 0), \(insert.bind(now))
                    FROM collection_members WHERE collection_id = \(collection)
                    """
                try await session.query(insert.query(sql))
                _ = try await rewriteScoreIDs(collectionID: collectionID, now: now, session: session)
                return try await lockCollection(collectionID, session: session)
            }
        } catch let failure as PostgresFailure where failure.sqlState == "23505" {
            throw ScoresError.alreadyInCollection(collectionID: collectionID, scoreID: scoreID)
        }
    }

    package func removeFromCollection(collectionID: String, scoreID: String, now: String) async throws -> ScoreCollection {
        try await write { session in
            _ = try await lockCollection(collectionID, session: session)
            var delete = PostgresStatement()
            let sql = "DELETE FROM collection_members WHERE collection_id = \(delete.bind(collectionID)) AND score_id = \(delete.bind(scoreID)) RETURNING 1"
            guard try await session.query(delete.query(sql)).count == 1 else {
                throw ScoresError.notInCollection(collectionID: collectionID, scoreID: scoreID)
            }
            _ = try await rewriteScoreIDs(collectionID: collectionID, now: now, session: session)
            return try await lockCollection(collectionID, session: session)
        }
    }

    package func setVisibility(collectionID: String, to visibility: CollectionVisibility, changedBy: String, now: String) async throws -> ScoreCollection {
        try await write { session in
            let current = try await lockCollection(collectionID, session: session)
            guard current.visibility != visibility else { return current }
            var update = PostgresStatement()
            let updateSQL = """
                UPDATE user_collections SET visibility = \(update.bind(visibility.rawValue)), updated_at = \(update.bind(now))
                WHERE id = \(update.bind(collectionID)) RETURNING \(PostgresScoresRow.collectionColumns)
                """
            guard let row = try await session.query(update.query(updateSQL)).first else { throw ScoresError.collectionNotFound(id: collectionID) }
            var log = PostgresStatement()
            let logSQL = """
                INSERT INTO collection_visibility_log (id, collection_id, changed_by, old_visibility, new_visibility, changed_at)
                VALUES (\(log.bind(ScoresService.newID())), \(log.bind(collectionID)), \(log.bind(changedBy)), \(log.bind(current.visibility.rawValue)),
                        \(log.bind(visibility.rawValue)), \(log.bind(now)))
                """
            try await session.query(log.query(logSQL))
            return try PostgresScoresRow.collection(row)
        }
    }

    package func memberships() async throws -> [MembershipMismatch] {
        let rows = try await read(PostgresQuery(unsafeSQL: "SELECT c.id, c.score_ids::text, \(Self.membersJSON("c.id"))::text FROM user_collections AS c ORDER BY c.id"))
        return try rows.map { row in
            let (id, json, members) = try row.decode((String, String, String).self)
            return MembershipMismatch(collectionID: id, jsonScoreIDs: try ScoresColumn.strings(json, column: "score_ids", table: "user_collections"),
                                      memberScoreIDs: try ScoresColumn.strings(members, column: "collection_members", table: "collection_members"))
        }
    }

    package func repairMembership(now: String) async throws -> Int {
        var statement = PostgresStatement()
        let sql = """
            UPDATE user_collections AS c SET score_ids = m.ids, updated_at = \(statement.bind(now))
            FROM (SELECT id, \(Self.membersJSON("user_collections.id")) AS ids FROM user_collections FOR UPDATE) AS m
            WHERE m.id = c.id AND c.score_ids <> m.ids RETURNING c.id
            """
        return try await write { session in try await session.query(statement.query(sql)).count }
    }

    // MARK: Inside a transaction

    /// The members of the collection `idExpression` as a jsonb array of score ids in display order.
    static func membersJSON(_ idExpression: String) -> String {
        """
        coalesce((SELECT jsonb_agg(m.score_id ORDER BY m.display_order, m.added_at, m.id) FROM collection_members AS m
                  WHERE m.collection_id = \(idExpression)), '[]'::jsonb)
        """
    }

    /// The collection, its row locked until the transaction ends (members and JSON array change together).
    private func lockCollection(_ id: String, session: PostgresSession) async throws -> ScoreCollection {
        var statement = PostgresStatement()
        let sql = "SELECT \(PostgresScoresRow.collectionColumns) FROM user_collections WHERE id = \(statement.bind(id)) FOR UPDATE"
        guard let row = try await session.query(statement.query(sql)).first else { throw ScoresError.collectionNotFound(id: id) }
        return try PostgresScoresRow.collection(row)
    }

    /// Sets the JSON array from the members; leaves the row untouched when equal. True when it changed.
    func rewriteScoreIDs(collectionID: String, now: String, session: PostgresSession) async throws -> Bool {
        var statement = PostgresStatement()
        let id = statement.bind(collectionID)
        let sql = """
            UPDATE user_collections SET score_ids = \(Self.membersJSON(id)), updated_at = \(statement.bind(now))
            WHERE id = \(id) AND score_ids <> \(Self.membersJSON(id)) RETURNING 1
            """
        return try await session.query(statement.query(sql)).count == 1
    }
}
