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
    func goalProgressSequence() async throws {
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
        #expect(try await service.goalProgress(userID: "u", goalID: "g").map(\.value) == [1, 2, 3, 4])
    }

    @Test(arguments: TestEngine.available)
    func emailIsUniqueCaseInsensitivelyAndGoogleIDUnique(engine: TestEngine) async throws {
        try await engine.withService { service, database in
            let ana = try await service.createUser(email: "  Ana@Example.COM ", displayName: "Ana")
            #expect(ana.email == "ana@example.com")
            #expect(ana.authProvider == .magicLink)
            #expect(ana.loginCount == 0 && ana.lastLoginAt == nil && ana.createdAt == ana.updatedAt)
            await #expect(throws: APIError.emailTaken(email: "ana@example.com")) { try await service.createUser(email: "ANA@example.com") }
            #expect(try await service.user(email: "ana@EXAMPLE.com")?.id == ana.id)
            #expect(try await service.user(id: ana.id) == ana)
            await #expect(throws: APIError.userNotFound(id: "nobody")) { try await service.user(id: "nobody") }

            _ = try await service.createUser(email: "bo@example.com", provider: .google, googleID: "g-123")
            await #expect(throws: APIError.googleIDTaken(googleID: "g-123")) {
                try await service.createUser(email: "other@example.com", provider: .google, googleID: "g-123")
            }
            await #expect(throws: APIError.self) { try await service.createUser(email: "nobody", provider: .magicLink) }
            await #expect(throws: APIError.self) { try await service.createUser(email: "x@y.z", provider: .google) }
            let logged = try await service.recordLogin(userID: ana.id)
            #expect(logged.loginCount == 1 && logged.lastLoginAt != nil)
            await #expect(throws: APIError.userNotFound(id: "nobody")) { try await service.recordLogin(userID: "nobody") }

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
                await #expect(throws: (any Error).self, "accepted: \(sql)") { try await database.execute(sql) }
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func repertoireIsUniquePerUserAndScore(engine: TestEngine) async throws {
        try await engine.withService { service, _ in
            let user = try await service.createUser(email: "r@example.com")
            let planned = try await service.upsertRepertoire(userID: user.id, scoreID: "score-1", difficultyRating: 3, personalNotes: "slow practice")
            #expect(planned.status == .planned && planned.referenceLinks.isEmpty)
            let learning = try await service.upsertRepertoire(userID: user.id, scoreID: "score-1", status: .learning)
            #expect(learning.id == planned.id && learning.createdAt == planned.createdAt)
            #expect(learning.difficultyRating == 3 && learning.personalNotes == "slow practice")
            let dropped = try await service.setRepertoireStatus(userID: user.id, scoreID: "score-1", status: .dropped)
            #expect(dropped.status == .dropped)
            let linked = try await service.upsertRepertoire(userID: user.id, scoreID: "score-2", status: .polished,
                                                            referenceLinks: ["https://example.com/a", " https://example.com/b "])
            #expect(linked.referenceLinks == ["https://example.com/a", "https://example.com/b"])
            #expect(try await service.repertoire(userID: user.id).count == 2)
            #expect(try await service.repertoire(userID: user.id, status: .polished).map(\.scoreID) == ["score-2"])
            #expect(try await service.repertoire(userID: user.id, status: .planned).isEmpty)
            await #expect(throws: APIError.self) { try await service.upsertRepertoire(userID: user.id, scoreID: "score-3", difficultyRating: 9) }
            await #expect(throws: APIError.userNotFound(id: "nobody")) { try await service.upsertRepertoire(userID: "nobody", scoreID: "score-1") }
            await #expect(throws: APIError.repertoireNotFound(userID: user.id, scoreID: "score-9")) {
                try await service.setRepertoireStatus(userID: user.id, scoreID: "score-9", status: .learning)
            }
            try await service.removeRepertoire(userID: user.id, scoreID: "score-1")
            await #expect(throws: APIError.repertoireNotFound(userID: user.id, scoreID: "score-1")) {
                try await service.removeRepertoire(userID: user.id, scoreID: "score-1")
            }
            #expect(try await service.repertoire(userID: user.id).map(\.scoreID) == ["score-2"])
        }
    }

    @Test(arguments: TestEngine.available)
    func annotationsByPage(engine: TestEngine) async throws {
        try await engine.withService { service, _ in
            let user = try await service.createUser(email: "n@example.com")
            let rect: JSONValue = .object(["x": .number(10), "y": .number(20.5), "color": .string("#ff0")])
            let highlight = try await service.addAnnotation(userID: user.id, scoreID: "s", pageNumber: 2, type: .highlight, data: rect)
            #expect(highlight.data == rect)
            let bracket = try await service.addAnnotation(userID: user.id, scoreID: "s", pageNumber: 1, type: .measureBracket,
                                                          data: .object(["from": .number(3), "to": .number(8)]))
            _ = try await service.addAnnotation(userID: user.id, scoreID: "s", pageNumber: 1, type: .text, data: .object(["text": .string("dolce")]))
            #expect(try await service.annotations(userID: user.id, scoreID: "s").map(\.pageNumber) == [1, 1, 2])
            #expect(try await service.annotations(userID: user.id, scoreID: "s", pageNumber: 2) == [highlight])
            let updated = try await service.updateAnnotation(userID: user.id, id: bracket.id, data: .object(["from": .number(4), "to": .number(8)]))
            #expect(updated.data["from"] == .number(4))
            await #expect(throws: APIError.self) {
                try await service.addAnnotation(userID: user.id, scoreID: "s", pageNumber: 1, type: .drawing, data: .array([]))
            }
            await #expect(throws: APIError.self) {
                try await service.addAnnotation(userID: user.id, scoreID: "s", pageNumber: 0, type: .drawing, data: .object([:]))
            }
            await #expect(throws: APIError.userNotFound(id: "nobody")) {
                try await service.addAnnotation(userID: "nobody", scoreID: "s", pageNumber: 1, type: .drawing, data: .object([:]))
            }
            await #expect(throws: APIError.annotationNotFound(userID: "nobody", id: bracket.id)) {
                try await service.updateAnnotation(userID: "nobody", id: bracket.id, data: .object([:]))
            }
            try await service.deleteAnnotation(userID: user.id, id: bracket.id)
            await #expect(throws: APIError.annotationNotFound(userID: user.id, id: bracket.id)) {
                try await service.deleteAnnotation(userID: user.id, id: bracket.id)
            }
            #expect(try await service.annotations(userID: user.id, scoreID: "s", pageNumber: 1).count == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func documentsWithoutCanonicalTextAreInvalidJSON(engine: TestEngine) async throws {
        try await engine.withService { service, _ in
            let user = try await service.createUser(email: "nan@example.com")
            await #expect(throws: APIError.invalidJSON(reason: "non-finite number")) {
                try await service.push(userID: user.id, changes: [.upsert(.goal, "g", .object(["targetValue": .number(.nan)]))])
            }
            var deep: JSONValue = .null
            for _ in 0..<(JSONValue.maximumDepth + 2) { deep = .array([deep]) }
            await #expect(throws: APIError.invalidJSON(reason: "nested deeper than \(JSONValue.maximumDepth)")) {
                try await service.addAnnotation(userID: user.id, scoreID: "s", pageNumber: 1, type: .drawing, data: .object(["strokes": deep]))
            }
            #expect(try await service.entities(userID: user.id).isEmpty)
        }
    }
}
