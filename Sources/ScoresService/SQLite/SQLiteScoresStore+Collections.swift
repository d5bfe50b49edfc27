import DictStore
import GRDB

extension SQLiteScoresStore {
    package func insertCollection(_ collection: ScoreCollection, ownerType: String) async throws -> ScoreCollection {
        try database.write { db in
            do {
                try db.execute(sql: """
                    INSERT INTO user_collections (id, user_id, name, slug, description, visibility, collection_type, owner_type,
                                                  score_ids, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?)
                    """, arguments: [collection.id, collection.userID, collection.name, collection.slug, collection.description,
                                     collection.visibility.rawValue, collection.kind.rawValue, ownerType, collection.createdAt, collection.updatedAt])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw ScoresError.slugTaken(userID: collection.userID, slug: collection.slug)
            }
            return try fetchCollection(id: collection.id, db: db)
        }
    }

    package func collection(id: String) async throws -> ScoreCollection? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(SQLiteScoresRow.collectionColumns) FROM user_collections WHERE id = ?", arguments: [id])
                .map(SQLiteScoresRow.collection)
        }
    }

    package func collections(userID: String) async throws -> [ScoreCollection] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(SQLiteScoresRow.collectionColumns) FROM user_collections WHERE user_id = ? ORDER BY name, id",
                             arguments: [userID]).map(SQLiteScoresRow.collection)
        }
    }

    package func addToCollection(collectionID: String, scoreID: String, now: String) async throws -> ScoreCollection {
        try database.write { db in
            _ = try fetchCollection(id: collectionID, db: db)
            _ = try fetchScore(id: scoreID, db: db)
            let nextOrder = try Int.fetchOne(db, sql: "SELECT coalesce(max(display_order) + 1, 0) FROM collection_members WHERE collection_id = ?",
                                             arguments: [collectionID]) ?? 0
            do {
                try db.execute(sql: """
                    INSERT INTO collection_members (id, collection_id, score_id, display_order, added_at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [ScoresService.newID(), collectionID, scoreID, nextOrder, now])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw ScoresError.alreadyInCollection(collectionID: collectionID, scoreID: scoreID)
            }
            try rewriteScoreIDs(collectionID: collectionID, now: now, db: db)
            return try fetchCollection(id: collectionID, db: db)
        }
    }

    package func removeFromCollection(collectionID: String, scoreID: String, now: String) async throws -> ScoreCollection {
        try database.write { db in
            _ = try fetchCollection(id: collectionID, db: db)
            try db.execute(sql: "DELETE FROM collection_members WHERE collection_id = ? AND score_id = ?", arguments: [collectionID, scoreID])
            guard db.changesCount == 1 else { throw ScoresError.notInCollection(collectionID: collectionID, scoreID: scoreID) }
            try rewriteScoreIDs(collectionID: collectionID, now: now, db: db)
            return try fetchCollection(id: collectionID, db: db)
        }
    }

    package func setVisibility(collectionID: String, to visibility: CollectionVisibility, changedBy: String, now: String) async throws -> ScoreCollection {
        try database.write { db in
            let current = try fetchCollection(id: collectionID, db: db)
            guard current.visibility != visibility else { return current }
            try db.execute(sql: "UPDATE user_collections SET visibility = ?, updated_at = ? WHERE id = ?",
                           arguments: [visibility.rawValue, now, collectionID])
            try db.execute(sql: """
                INSERT INTO collection_visibility_log (id, collection_id, changed_by, old_visibility, new_visibility, changed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [ScoresService.newID(), collectionID, changedBy, current.visibility.rawValue, visibility.rawValue, now])
            return try fetchCollection(id: collectionID, db: db)
        }
    }

    package func memberships() async throws -> [MembershipMismatch] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, score_ids FROM user_collections ORDER BY id").map { row in
                let id: String = row["id"]
                return MembershipMismatch(collectionID: id, jsonScoreIDs: try ScoresColumn.strings(row["score_ids"], column: "score_ids", table: "user_collections"),
                                          memberScoreIDs: try memberScoreIDs(collectionID: id, db: db))
            }
        }
    }

    package func repairMembership(now: String) async throws -> Int {
        try database.write { db in
            var repaired = 0
            for id in try String.fetchAll(db, sql: "SELECT id FROM user_collections") {
                try rewriteScoreIDs(collectionID: id, now: now, db: db)
                repaired += db.changesCount
            }
            return repaired
        }
    }

    // MARK: Inside a transaction

    func fetchCollection(id: String, db: Database) throws -> ScoreCollection {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(SQLiteScoresRow.collectionColumns) FROM user_collections WHERE id = ?", arguments: [id]) else {
            throw ScoresError.collectionNotFound(id: id)
        }
        return try SQLiteScoresRow.collection(row)
    }

    private func memberScoreIDs(collectionID: String, db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT score_id FROM collection_members WHERE collection_id = ? ORDER BY display_order, added_at, id",
                            arguments: [collectionID])
    }

    /// Sets the JSON array from the members table; leaves the row untouched (changesCount 0) when equal.
    func rewriteScoreIDs(collectionID: String, now: String, db: Database) throws {
        let json = JSONText.encode(try memberScoreIDs(collectionID: collectionID, db: db))
        try db.execute(sql: "UPDATE user_collections SET score_ids = ?, updated_at = ? WHERE id = ? AND score_ids <> ?",
                       arguments: [json, now, collectionID, json])
    }
}
