import DictStore

extension ScoresService {
    /// Creates a user's collection; the slug (derived from the name when nil) must be unique for the user.
    package func createCollection(
        userID: String, name: String, slug: String? = nil, description: String? = nil,
        visibility: CollectionVisibility = .private, kind: ScoreCollection.Kind = .personal
    ) async throws -> ScoreCollection {
        let owner = try Self.requireText(userID, field: "user_id")
        let name = try Self.requireText(name, field: "name")
        let slug = Self.slug(try slug.map { try Self.requireText($0, field: "slug") } ?? name)
        guard !slug.isEmpty else { throw ScoresError.invalidInput(field: "slug", reason: "has no letters or digits") }
        if kind == .platform && owner != ScoreCollection.platformOwner {
            throw ScoresError.invalidInput(field: "collection_type", reason: "platform collections belong to \(ScoreCollection.platformOwner)")
        }
        let description = try Self.optionalText(description, field: "description")
        let now = Timestamp.now()
        return try await store.insertCollection(
            ScoreCollection(id: Self.newID(), userID: owner, name: name, slug: slug, description: description, visibility: visibility,
                            kind: kind, scoreIDs: [], createdAt: now, updatedAt: now),
            ownerType: kind == .platform ? "admin" : "user")
    }

    /// Creates a public platform collection owned by `system`.
    package func createPlatformCollection(name: String, slug: String? = nil, description: String? = nil) async throws -> ScoreCollection {
        try await createCollection(userID: ScoreCollection.platformOwner, name: name, slug: slug, description: description,
                                   visibility: .public, kind: .platform)
    }

    /// The collection with this id.
    package func collection(id: String) async throws -> ScoreCollection {
        guard let collection = try await store.collection(id: id) else { throw ScoresError.collectionNotFound(id: id) }
        return collection
    }

    /// A user's collections (pass `ScoreCollection.platformOwner` for platform ones), by name.
    package func collections(userID: String) async throws -> [ScoreCollection] {
        try await store.collections(userID: userID)
    }

    /// Appends a score to a collection: a `collection_members` row and the JSON array, in one transaction.
    package func addToCollection(collectionID: String, scoreID: String) async throws -> ScoreCollection {
        try await store.addToCollection(collectionID: collectionID, scoreID: scoreID, now: Timestamp.now())
    }

    /// Removes a score from a collection (members row and JSON array, one transaction).
    package func removeFromCollection(collectionID: String, scoreID: String) async throws -> ScoreCollection {
        try await store.removeFromCollection(collectionID: collectionID, scoreID: scoreID, now: Timestamp.now())
    }

    /// Changes a collection's visibility and records who changed it in `collection_visibility_log`.
    package func setVisibility(collectionID: String, to visibility: CollectionVisibility, changedBy: String) async throws -> ScoreCollection {
        let actor = try Self.requireText(changedBy, field: "changed_by")
        return try await store.setVisibility(collectionID: collectionID, to: visibility, changedBy: actor, now: Timestamp.now())
    }

    /// Collections whose JSON `score_ids` differ from their members (order included). O(total members).
    package func membershipMismatches() async throws -> [MembershipMismatch] {
        try await store.memberships().filter { $0.jsonScoreIDs != $0.memberScoreIDs }
    }

    /// Makes every JSON `score_ids` equal to its members (members are the source of truth); returns how many
    /// collections changed.
    @discardableResult
    package func repairMembership() async throws -> Int {
        try await store.repairMembership(now: Timestamp.now())
    }
}
