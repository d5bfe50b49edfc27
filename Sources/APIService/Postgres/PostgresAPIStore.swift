package import DictPostgres
import PostgresNIO

/// `APIStore` on PostgreSQL's `api` schema (sessions whose `search_path` names it). Each write is one transaction
/// (READ COMMITTED) on a connection of its own (a pooled session leases one per transaction); reads of several statements run in one
/// `REPEATABLE READ` snapshot. The sync writes take the user's row lock first (`SELECT … FOR NO KEY UPDATE`), so
/// one user's pushes run one after the other, as under SQLite's single writer, while other users' pushes and
/// inserts that only reference the user (`FOR KEY SHARE`) go on.
package struct PostgresAPIStore: APIStore {
    /// Where the operations run: a pooled session (`PostgresSession.pooled`) lets several run at once, each
    /// transaction on a connection of its own; a one-connection session serves one caller at a time.
    let session: PostgresSession

    package init(session: PostgresSession) { self.session = session }

    // MARK: Users

    package func insertUser(_ user: User) async throws -> User {
        do {
            return try await write { session in
                var exists = PostgresStatement()
                let existsSQL = "SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(\(exists.bind(user.email))))"
                if try await session.query(exists.query(existsSQL)).first?.decode(Bool.self) == true {
                    throw APIError.emailTaken(email: user.email)
                }
                if let googleID = user.googleID {
                    var google = PostgresStatement()
                    let googleSQL = "SELECT EXISTS (SELECT 1 FROM users WHERE google_id = \(google.bind(googleID)))"
                    if try await session.query(google.query(googleSQL)).first?.decode(Bool.self) == true {
                        throw APIError.googleIDTaken(googleID: googleID)
                    }
                }
                var insert = PostgresStatement()
                let sql = """
                    INSERT INTO users (id, email, display_name, auth_provider, google_id, role, created_at, updated_at)
                    VALUES (\(insert.bind(user.id)), \(insert.bind(user.email)), \(insert.bind(user.displayName)), \(insert.bind(user.authProvider.rawValue)),
                            \(insert.bind(user.googleID)), \(insert.bind(user.role.rawValue)), \(insert.bind(user.createdAt)), \(insert.bind(user.updatedAt)))
                    RETURNING \(PostgresAPIRow.userColumns)
                    """
                guard let row = try await session.query(insert.query(sql)).first else { throw APIError.userNotFound(id: user.id) }
                return try PostgresAPIRow.user(row)
            }
        } catch let failure as PostgresFailure where failure.sqlState == "23505" {
            // A concurrent insert of the same e-mail or Google id committed between the check and the insert.
            if failure.message.contains("idx_users_google_id"), let googleID = user.googleID { throw APIError.googleIDTaken(googleID: googleID) }
            if failure.message.contains("idx_users_email") { throw APIError.emailTaken(email: user.email) }
            throw failure
        }
    }

    package func user(id: String) async throws -> User? {
        var statement = PostgresStatement()
        let sql = "SELECT \(PostgresAPIRow.userColumns) FROM users WHERE id = \(statement.bind(id))"
        return try await read(statement.query(sql)).first.map(PostgresAPIRow.user)
    }

    package func user(email: String) async throws -> User? {
        var statement = PostgresStatement()
        let sql = "SELECT \(PostgresAPIRow.userColumns) FROM users WHERE lower(email) = lower(\(statement.bind(email)))"
        return try await read(statement.query(sql)).first.map(PostgresAPIRow.user)
    }

    package func recordLogin(userID: String, now: String) async throws -> User? {
        var statement = PostgresStatement()
        let sql = """
            UPDATE users SET login_count = login_count + 1, last_login_at = \(statement.bind(now)), updated_at = \(statement.bind(now))
            WHERE id = \(statement.bind(userID)) RETURNING \(PostgresAPIRow.userColumns)
            """
        return try await write { session in try await session.query(statement.query(sql)).first.map(PostgresAPIRow.user) }
    }

    // MARK: Repertoire

    package func upsertRepertoire(
        newID: String, userID: String, scoreID: String, status: RepertoireStatus, difficultyRating: Int?, personalNotes: String?,
        referenceLinks: String?, now: String
    ) async throws -> RepertoireItem {
        var statement = PostgresStatement()
        let rating = statement.bind(difficultyRating), notes = statement.bind(personalNotes), links = statement.bind(referenceLinks)
        let sql = """
            INSERT INTO user_repertoire (id, user_id, score_id, status, difficulty_rating, personal_notes, reference_links, created_at, updated_at)
            VALUES (\(statement.bind(newID)), \(statement.bind(userID)), \(statement.bind(scoreID)), \(statement.bind(status.rawValue)),
                    \(rating)::bigint, \(notes)::text, coalesce(\(links)::jsonb, '[]'::jsonb), \(statement.bind(now)), \(statement.bind(now)))
            ON CONFLICT (user_id, score_id) DO UPDATE SET
                status = excluded.status,
                difficulty_rating = coalesce(\(rating)::bigint, user_repertoire.difficulty_rating),
                personal_notes = coalesce(\(notes)::text, user_repertoire.personal_notes),
                reference_links = coalesce(\(links)::jsonb, user_repertoire.reference_links),
                updated_at = excluded.updated_at
            RETURNING \(PostgresAPIRow.repertoireColumns)
            """
        return try await write { session in
            try await requireUser(userID, session: session)
            guard let row = try await session.query(statement.query(sql)).first else {
                throw APIError.repertoireNotFound(userID: userID, scoreID: scoreID)
            }
            return try PostgresAPIRow.repertoire(row)
        }
    }

    package func setRepertoireStatus(userID: String, scoreID: String, status: RepertoireStatus, now: String) async throws -> RepertoireItem? {
        var statement = PostgresStatement()
        let sql = """
            UPDATE user_repertoire SET status = \(statement.bind(status.rawValue)), updated_at = \(statement.bind(now))
            WHERE user_id = \(statement.bind(userID)) AND score_id = \(statement.bind(scoreID)) RETURNING \(PostgresAPIRow.repertoireColumns)
            """
        return try await write { session in try await session.query(statement.query(sql)).first.map(PostgresAPIRow.repertoire) }
    }

    package func removeRepertoire(userID: String, scoreID: String) async throws -> Bool {
        var statement = PostgresStatement()
        let sql = "DELETE FROM user_repertoire WHERE user_id = \(statement.bind(userID)) AND score_id = \(statement.bind(scoreID)) RETURNING id"
        return try await write { session in try await !session.query(statement.query(sql)).isEmpty }
    }

    package func repertoire(userID: String, status: RepertoireStatus?) async throws -> [RepertoireItem] {
        var statement = PostgresStatement()
        let wanted = statement.bind(status?.rawValue)
        let sql = """
            SELECT \(PostgresAPIRow.repertoireColumns) FROM user_repertoire
            WHERE user_id = \(statement.bind(userID)) AND (\(wanted)::text IS NULL OR status = \(wanted)::text) ORDER BY updated_at DESC, id
            """
        return try await read(statement.query(sql)).map(PostgresAPIRow.repertoire)
    }

    // MARK: Annotations

    package func insertAnnotation(_ annotation: ScoreAnnotation, data: String) async throws -> ScoreAnnotation {
        var statement = PostgresStatement()
        let sql = """
            INSERT INTO score_annotations (id, user_id, score_id, page_number, annotation_type, annotation_data, created_at, updated_at)
            VALUES (\(statement.bind(annotation.id)), \(statement.bind(annotation.userID)), \(statement.bind(annotation.scoreID)),
                    \(statement.bind(annotation.pageNumber)), \(statement.bind(annotation.type.rawValue)), \(statement.bind(data))::jsonb,
                    \(statement.bind(annotation.createdAt)), \(statement.bind(annotation.updatedAt)))
            RETURNING \(PostgresAPIRow.annotationColumns)
            """
        return try await write { session in
            try await requireUser(annotation.userID, session: session)
            guard let row = try await session.query(statement.query(sql)).first else {
                throw APIError.annotationNotFound(userID: annotation.userID, id: annotation.id)
            }
            return try PostgresAPIRow.annotation(row)
        }
    }

    package func updateAnnotation(userID: String, id: String, data: String, now: String) async throws -> ScoreAnnotation? {
        var statement = PostgresStatement()
        let sql = """
            UPDATE score_annotations SET annotation_data = \(statement.bind(data))::jsonb, updated_at = \(statement.bind(now))
            WHERE id = \(statement.bind(id)) AND user_id = \(statement.bind(userID)) RETURNING \(PostgresAPIRow.annotationColumns)
            """
        return try await write { session in try await session.query(statement.query(sql)).first.map(PostgresAPIRow.annotation) }
    }

    package func deleteAnnotation(userID: String, id: String) async throws -> Bool {
        var statement = PostgresStatement()
        let sql = "DELETE FROM score_annotations WHERE id = \(statement.bind(id)) AND user_id = \(statement.bind(userID)) RETURNING id"
        return try await write { session in try await !session.query(statement.query(sql)).isEmpty }
    }

    /// Uses `idx_score_annotations_user_score`.
    package func annotations(userID: String, scoreID: String, pageNumber: Int?) async throws -> [ScoreAnnotation] {
        var statement = PostgresStatement()
        let page = statement.bind(pageNumber)
        let sql = """
            SELECT \(PostgresAPIRow.annotationColumns) FROM score_annotations
            WHERE user_id = \(statement.bind(userID)) AND score_id = \(statement.bind(scoreID)) AND (\(page)::bigint IS NULL OR page_number = \(page)::bigint)
            ORDER BY page_number, created_at, id
            """
        return try await read(statement.query(sql)).map(PostgresAPIRow.annotation)
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

    /// `body` in one read-only snapshot (`REPEATABLE READ`): its statements see the same commits.
    func snapshot<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        try await session.snapshot(body)
    }

    func requireUser(_ userID: String, session: PostgresSession) async throws {
        var statement = PostgresStatement()
        let sql = "SELECT 1 FROM users WHERE id = \(statement.bind(userID))"
        guard try await !session.query(statement.query(sql)).isEmpty else { throw APIError.userNotFound(id: userID) }
    }
}
