import DictMigrations
import DictStore
import DictTesting
import GRDB
import Testing
@testable import APIService

@Suite struct APIMigrationAndUserTests {
    @Test(arguments: DatabaseKind.allCases)
    func freshDatabaseAppliesEveryMigration(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.api)
        defer { withExtendedLifetime(directory) {} }
        let status = try Service.api.migrationRunner().status(of: database)
        #expect(status.count == 12)
        #expect(status.allSatisfy { $0.state == .applied })
        #expect(status.filter { $0.name.hasPrefix("0008_") }.count == 2)
        #expect(status.last?.name == "0011_add_goal_progress_seq.sql")
        let tables = try database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name")
        }
        for table in ["users", "sync_data", "sync_metadata", "idempotency_keys", "sync_events", "user_repertoire",
                      "score_annotations", "goal_progress", "duplicate_detection_stats"] {
            #expect(tables.contains(table), "missing \(table)")
        }
        #expect(try Service.api.migrationRunner().migrate(database).isEmpty)
    }

    @Test("Goal progress of one millisecond keeps its written order through seq: copied from the rowid for rows that existed before 0011, set by its trigger after")
    func goalProgressSequence() throws {
        let database = try Service.api.open(dataDirectory: ":memory:", migrate: false)
        let files = Service.api.migrationFiles
        try MigrationRunner(files: Array(files.dropLast())).migrate(database)
        let insert = "INSERT INTO goal_progress (id, user_id, goal_id, value, recorded_at) VALUES (?, 'u', 'g', ?, '2026-12-05T10:00:00.000Z')"
        try database.write { db in
            try db.execute(sql: "INSERT INTO users (id, email) VALUES ('u', 'u@example.com')")
            // Ids in descending order, so an order by id would reverse them.
            for (id, value) in [("z", 1.0), ("y", 2.0)] { try db.execute(sql: insert, arguments: [id, value]) }
        }
        try MigrationRunner(files: files).migrate(database)
        try database.write { db in
            for (id, value) in [("x", 3.0), ("w", 4.0)] { try db.execute(sql: insert, arguments: [id, value]) }
        }
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT value, seq, rowid FROM goal_progress ORDER BY recorded_at, seq").map { ($0[0] as Double, $0[1] as Int64, $0[2] as Int64) }
        }
        #expect(rows.map(\.0) == [1, 2, 3, 4])
        #expect(rows.allSatisfy { $0.1 == $0.2 && $0.1 > 0 })
        let service = APIService(database: database)
        #expect(try service.goalProgress(userID: "u", goalID: "g").map(\.value) == [1, 2, 3, 4])
    }

    @Test func emailIsUniqueCaseInsensitivelyAndGoogleIDUnique() throws {
        let service = try APIService.open(dataDirectory: ":memory:")
        let ana = try service.createUser(email: "  Ana@Example.COM ", displayName: "Ana")
        #expect(ana.email == "ana@example.com")
        #expect(ana.authProvider == .magicLink)
        #expect(throws: APIError.emailTaken(email: "ana@example.com")) { try service.createUser(email: "ANA@example.com") }
        #expect(try service.user(email: "ana@EXAMPLE.com")?.id == ana.id)

        _ = try service.createUser(email: "bo@example.com", provider: .google, googleID: "g-123")
        #expect(throws: APIError.googleIDTaken(googleID: "g-123")) {
            try service.createUser(email: "other@example.com", provider: .google, googleID: "g-123")
        }
        #expect(throws: APIError.self) { try service.createUser(email: "nobody", provider: .magicLink) }
        #expect(throws: APIError.self) { try service.createUser(email: "x@y.z", provider: .google) }
        let logged = try service.recordLogin(userID: ana.id)
        #expect(logged.loginCount == 1 && logged.lastLoginAt != nil)

        // The database refuses what bypasses the service, too.
        let bad = [
            "INSERT INTO users (id, email) VALUES ('u1', 'ANA@example.com')",
            "INSERT INTO users (id, email, auth_provider) VALUES ('u2', 'c@example.com', 'password')",
            "INSERT INTO users (id, email, google_id) VALUES ('u3', 'd@example.com', 'g-123')",
            "INSERT INTO users (id, email, role) VALUES ('u4', 'e@example.com', 'root')",
            "INSERT INTO sync_data (id, user_id, entity_type, entity_id, data, checksum) VALUES ('s1', '\(ana.id)', 'note', 'e', '{}', '\(String(repeating: "0", count: 64))')",
            "INSERT INTO sync_data (id, user_id, entity_type, entity_id, data, checksum) VALUES ('s2', '\(ana.id)', 'goal', 'e', '{oops', '\(String(repeating: "0", count: 64))')",
            "INSERT INTO user_repertoire (id, user_id, score_id, status) VALUES ('r1', '\(ana.id)', 's', 'working')",
            "INSERT INTO user_repertoire (id, user_id, score_id, difficulty_rating) VALUES ('r2', '\(ana.id)', 's', 6)",
            "INSERT INTO score_annotations (id, user_id, score_id, page_number, annotation_type, annotation_data) VALUES ('a1', '\(ana.id)', 's', 1, 'circle', '{}')",
            "INSERT INTO goal_progress (id, user_id, goal_id, value) VALUES ('p1', 'no-such-user', 'g', 1)",
        ]
        for sql in bad {
            #expect(throws: DatabaseError.self, "accepted: \(sql)") { try service.database.write { db in try db.execute(sql: sql) } }
        }
    }

    @Test func repertoireIsUniquePerUserAndScore() throws {
        let service = try APIService.open(dataDirectory: ":memory:")
        let user = try service.createUser(email: "r@example.com")
        let planned = try service.upsertRepertoire(userID: user.id, scoreID: "score-1", difficultyRating: 3, personalNotes: "slow practice")
        #expect(planned.status == .planned)
        let learning = try service.upsertRepertoire(userID: user.id, scoreID: "score-1", status: .learning)
        #expect(learning.id == planned.id)
        #expect(learning.difficultyRating == 3 && learning.personalNotes == "slow practice")
        let dropped = try service.setRepertoireStatus(userID: user.id, scoreID: "score-1", status: .dropped)
        #expect(dropped.status == .dropped)
        _ = try service.upsertRepertoire(userID: user.id, scoreID: "score-2", status: .polished, referenceLinks: ["https://example.com/a"])
        #expect(try service.repertoire(userID: user.id).count == 2)
        #expect(try service.repertoire(userID: user.id, status: .polished).map(\.scoreID) == ["score-2"])
        #expect(throws: APIError.self) { try service.upsertRepertoire(userID: user.id, scoreID: "score-3", difficultyRating: 9) }
        try service.removeRepertoire(userID: user.id, scoreID: "score-1")
        #expect(throws: APIError.repertoireNotFound(userID: user.id, scoreID: "score-1")) {
            try service.removeRepertoire(userID: user.id, scoreID: "score-1")
        }
    }

    @Test func annotationsByPage() throws {
        let service = try APIService.open(dataDirectory: ":memory:")
        let user = try service.createUser(email: "n@example.com")
        let rect: JSONValue = .object(["x": .number(10), "y": .number(20), "color": .string("#ff0")])
        _ = try service.addAnnotation(userID: user.id, scoreID: "s", pageNumber: 2, type: .highlight, data: rect)
        let bracket = try service.addAnnotation(userID: user.id, scoreID: "s", pageNumber: 1, type: .measureBracket,
                                                data: .object(["from": .number(3), "to": .number(8)]))
        _ = try service.addAnnotation(userID: user.id, scoreID: "s", pageNumber: 1, type: .text, data: .object(["text": .string("dolce")]))
        #expect(try service.annotations(userID: user.id, scoreID: "s").map(\.pageNumber) == [1, 1, 2])
        #expect(try service.annotations(userID: user.id, scoreID: "s", pageNumber: 2).map(\.type) == [.highlight])
        let updated = try service.updateAnnotation(userID: user.id, id: bracket.id, data: .object(["from": .number(4), "to": .number(8)]))
        #expect(updated.data["from"] == .number(4))
        #expect(throws: APIError.self) {
            try service.addAnnotation(userID: user.id, scoreID: "s", pageNumber: 1, type: .drawing, data: .array([]))
        }
        #expect(throws: APIError.self) {
            try service.addAnnotation(userID: user.id, scoreID: "s", pageNumber: 0, type: .drawing, data: .object([:]))
        }
        try service.deleteAnnotation(userID: user.id, id: bracket.id)
        #expect(try service.annotations(userID: user.id, scoreID: "s", pageNumber: 1).count == 1)
    }

    @Test func documentsWithoutCanonicalTextAreInvalidJSON() throws {
        let service = try APIService.open(dataDirectory: ":memory:")
        let user = try service.createUser(email: "nan@example.com")
        #expect(throws: APIError.invalidJSON(reason: "non-finite number")) {
            try service.push(userID: user.id, changes: [.upsert(.goal, "g", .object(["targetValue": .number(.nan)]))])
        }
        var deep: JSONValue = .null
        for _ in 0..<(JSONValue.maximumDepth + 2) { deep = .array([deep]) }
        #expect(throws: APIError.invalidJSON(reason: "nested deeper than \(JSONValue.maximumDepth)")) {
            try service.addAnnotation(userID: user.id, scoreID: "s", pageNumber: 1, type: .drawing, data: .object(["strokes": deep]))
        }
        #expect(try service.entities(userID: user.id).isEmpty)
    }
}
