import DictStore
import GRDB

extension ScoresService {
    /// Creates a user's collection; the slug (derived from the name when nil) must be unique for the user.
    package func createCollection(
        userID: String, name: String, slug: String? = nil, description: String? = nil,
        visibility: CollectionVisibility = .private, kind: ScoreCollection.Kind = .personal
    ) throws -> ScoreCollection {
        let owner = try Self.requireText(userID, field: "user_id")
        let name = try Self.requireText(name, field: "name")
        let slug = Self.slug(try slug.map { try Self.requireText($0, field: "slug") } ?? name)
        guard !slug.isEmpty else { throw ScoresError.invalidInput(field: "slug", reason: "has no letters or digits") }
        if kind == .platform && owner != ScoreCollection.platformOwner {
            throw ScoresError.invalidInput(field: "collection_type", reason: "platform collections belong to \(ScoreCollection.platformOwner)")
        }
        return try database.write { db in
            let id = Self.newID()
            let now = Timestamp.now()
            do {
                try db.execute(sql: """
                    INSERT INTO user_collections (id, user_id, name, slug, description, visibility, collection_type, owner_type,
                                                  score_ids, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?)
                    """, arguments: [id, owner, name, slug, try Self.optionalText(description, field: "description"),
                                     visibility.rawValue, kind.rawValue, kind == .platform ? "admin" : "user", now, now])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw ScoresError.slugTaken(userID: owner, slug: slug)
            }
            return try fetchCollection(id: id, db: db)
        }
    }

    /// Creates a public platform collection owned by `system`.
    package func createPlatformCollection(name: String, slug: String? = nil, description: String? = nil) throws -> ScoreCollection {
        try createCollection(userID: ScoreCollection.platformOwner, name: name, slug: slug, description: description,
                             visibility: .public, kind: .platform)
    }

    /// The collection with this id.
    package func collection(id: String) throws -> ScoreCollection {
        try database.read { db in try fetchCollection(id: id, db: db) }
    }

    /// A user's collections (pass `ScoreCollection.platformOwner` for platform ones), by name.
    package func collections(userID: String) throws -> [ScoreCollection] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(ScoreCollection.columns) FROM user_collections WHERE user_id = ? ORDER BY name, id",
                             arguments: [userID]).map(ScoreCollection.init(row:))
        }
    }

    /// Appends a score to a collection: a `collection_members` row and the JSON array, in one transaction.
    package func addToCollection(collectionID: String, scoreID: String) throws -> ScoreCollection {
        try database.write { db in
            _ = try fetchCollection(id: collectionID, db: db)
            _ = try fetchScore(id: scoreID, db: db)
            let nextOrder = try Int.fetchOne(db, sql: "SELECT coalesce(max(display_order) + 1, 0) FROM collection_members WHERE collection_id = ?",
                                             arguments: [collectionID]) ?? 0
            do {
                try db.execute(sql: """
                    INSERT INTO collection_members (id, collection_id, score_id, display_order, added_at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [Self.newID(), collectionID, scoreID, nextOrder, Timestamp.now()])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw ScoresError.alreadyInCollection(collectionID: collectionID, scoreID: scoreID)
            }
            try rewriteScoreIDs(collectionID: collectionID, db: db)
            return try fetchCollection(id: collectionID, db: db)
        }
    }

    /// Removes a score from a collection (members row and JSON array, one transaction).
    package func removeFromCollection(collectionID: String, scoreID: String) throws -> ScoreCollection {
        try database.write { db in
            _ = try fetchCollection(id: collectionID, db: db)
            try db.execute(sql: "DELETE FROM collection_members WHERE collection_id = ? AND score_id = ?", arguments: [collectionID, scoreID])
            guard db.changesCount == 1 else { throw ScoresError.notInCollection(collectionID: collectionID, scoreID: scoreID) }
            try rewriteScoreIDs(collectionID: collectionID, db: db)
            return try fetchCollection(id: collectionID, db: db)
        }
    }

    /// Changes a collection's visibility and records who changed it in `collection_visibility_log`.
    package func setVisibility(collectionID: String, to visibility: CollectionVisibility, changedBy: String) throws -> ScoreCollection {
        let actor = try Self.requireText(changedBy, field: "changed_by")
        return try database.write { db in
            let current = try fetchCollection(id: collectionID, db: db)
            guard current.visibility != visibility else { return current }
            let now = Timestamp.now()
            try db.execute(sql: "UPDATE user_collections SET visibility = ?, updated_at = ? WHERE id = ?",
                           arguments: [visibility.rawValue, now, collectionID])
            try db.execute(sql: """
                INSERT INTO collection_visibility_log (id, collection_id, changed_by, old_visibility, new_visibility, changed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [Self.newID(), collectionID, actor, current.visibility.rawValue, visibility.rawValue, now])
            return try fetchCollection(id: collectionID, db: db)
        }
    }

    /// Collections whose JSON `score_ids` differ from their members (order included). O(total members).
    package func membershipMismatches() throws -> [MembershipMismatch] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, score_ids FROM user_collections ORDER BY id").compactMap { row in
                let id: String = row["id"]
                let json = try row.scoresStringArray("score_ids", table: "user_collections")
                let members = try memberScoreIDs(collectionID: id, db: db)
                return json == members ? nil : MembershipMismatch(collectionID: id, jsonScoreIDs: json, memberScoreIDs: members)
            }
        }
    }

    /// Makes every JSON `score_ids` equal to its members (members are the source of truth); returns how many
    /// collections changed.
    @discardableResult
    package func repairMembership() throws -> Int {
        try database.write { db in
            var repaired = 0
            for id in try String.fetchAll(db, sql: "SELECT id FROM user_collections") {
                try rewriteScoreIDs(collectionID: id, db: db)
                repaired += db.changesCount
            }
            return repaired
        }
    }

    // MARK: - Helpers

    func fetchCollection(id: String, db: Database) throws -> ScoreCollection {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(ScoreCollection.columns) FROM user_collections WHERE id = ?", arguments: [id]) else {
            throw ScoresError.collectionNotFound(id: id)
        }
        return try ScoreCollection(row: row)
    }

    private func memberScoreIDs(collectionID: String, db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT score_id FROM collection_members WHERE collection_id = ? ORDER BY display_order, added_at, id",
                            arguments: [collectionID])
    }

    /// Sets the JSON array from the members table; leaves the row untouched (changesCount 0) when equal.
    func rewriteScoreIDs(collectionID: String, db: Database) throws {
        let json = JSONText.encode(try memberScoreIDs(collectionID: collectionID, db: db))
        try db.execute(sql: "UPDATE user_collections SET score_ids = ?, updated_at = ? WHERE id = ? AND score_ids <> ?",
                       arguments: [json, Timestamp.now(), collectionID, json])
    }
}
