import DictMigrations
import DictStore
import DictTesting
import Foundation
import GRDB
import Testing
@testable import ScoresService

@Suite struct ScoresServiceTests {
    @Test(arguments: DatabaseKind.allCases)
    func duplicateByNormalizedIDIsRefusedOrMerged(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.scores)
        defer { withExtendedLifetime(directory) {} }
        let service = ScoresService(database: database)
        let first = try service.addScore(NewScore(title: "Prelude in C Major", composer: "J.S. Bach", opus: "BWV 846",
                                                  instrument: .piano, tags: ["wtc"]))
        guard case .created(let original) = first else { Issue.record("first add did not create"); return }
        #expect(original.composer == "Johann Sebastian Bach")
        #expect(original.normalizedID == "johann-sebastian-bach--prelude-in-c-major--bwv-846")

        let variant = NewScore(title: "PRELUDE IN C MAJOR", composer: "Bach", opus: "bwv846", instrument: .piano,
                               difficulty: .intermediate, stylePeriod: .baroque, tags: ["wtc", "prelude"])
        #expect(throws: ScoresError.duplicateScore(normalizedID: original.normalizedID ?? "", existingID: original.id)) {
            try service.addScore(variant)
        }
        let merged = try service.addScore(variant, onDuplicate: .merge)
        guard case .merged(let score) = merged else { Issue.record("expected a merge"); return }
        #expect(score.id == original.id)
        #expect(score.difficulty == .intermediate)
        #expect(score.stylePeriod == .baroque)
        #expect(score.tags == ["wtc", "prelude"])
        let count = try service.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM scores") }
        #expect(count == 1)

        // A different opus is a different work.
        let other = try service.addScore(NewScore(title: "Prelude in C Major", composer: "Bach", opus: "BWV 924", instrument: .piano))
        #expect(other.score.id != original.id)
    }

    @Test func concurrentAddsOfOneWorkLeaveOneRow() async throws {
        let (database, directory) = try DatabaseKind.file.open(.scores)
        defer { withExtendedLifetime(directory) {} }
        let service = ScoresService(database: database)
        let path = try #require(directory?.path)
        let services = [service, try ScoresService.open(dataDirectory: path)]
        let outcomes = try await withThrowingTaskGroup(of: ScoreAddOutcome.self) { group in
            for task in 0..<8 {
                group.addTask {
                    try services[task % 2].addScore(NewScore(title: "Recuerdos de la Alhambra", composer: task.isMultiple(of: 2) ? "Tárrega" : "Francisco Tarrega",
                                                             instrument: .guitar, tags: ["tag-\(task)"]), onDuplicate: .merge)
                }
            }
            return try await group.reduce(into: [ScoreAddOutcome]()) { $0.append($1) }
        }
        let created = outcomes.filter { if case .created = $0 { true } else { false } }
        #expect(created.count == 1)
        #expect(Set(outcomes.map(\.score.id)).count == 1)
        let stored = try service.score(id: outcomes[0].score.id)
        #expect(Set(stored.tags) == Set((0..<8).map { "tag-\($0)" }))
    }

    @Test func dedupeReportFindsLegacyDuplicates() throws {
        let service = try ScoresService.open(dataDirectory: ":memory:")
        // Rows written before 0018 (no normalized_id), spelled differently.
        try service.database.write { db in
            try db.execute(sql: """
                INSERT INTO scores (id, title, composer, opus, instrument) VALUES
                    ('00000000-0000-4000-8000-00000000000a', 'Lágrima', 'Tárrega', NULL, 'GUITAR'),
                    ('00000000-0000-4000-8000-00000000000b', 'Lagrima', 'Francisco Tarrega', NULL, 'GUITAR'),
                    ('00000000-0000-4000-8000-00000000000c', 'Adelita', 'Tárrega', NULL, 'GUITAR')
                """)
        }
        let report = try service.dedupeReport()
        #expect(report.count == 1)
        #expect(report.first?.normalizedID == "francisco-tarrega--lagrima")
        #expect(Set(report.first?.scores.map(\.id) ?? []) == ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"])
        // Backfill fills one of the pair and Adelita; the second Lágrima stays NULL (the unique index refuses it).
        #expect(try service.backfillNormalizedIDs() == 2)
    }

    @Test func versionStatusTransitions() throws {
        let service = try ScoresService.open(dataDirectory: ":memory:")
        let score = try service.addScore(NewScore(title: "Gymnopédie No. 1", composer: "Satie", instrument: .piano)).score
        let version = try service.addVersion(scoreID: score.id, format: .pdf, r2Key: "scores/g1.pdf")
        #expect(version.processingStatus == .pending)
        #expect(throws: ScoresError.illegalTransition(versionID: version.id, from: .pending, to: .completed)) {
            try service.transitionVersion(id: version.id, to: .completed)
        }
        let processing = try service.transitionVersion(id: version.id, to: .processing)
        #expect(processing.processingStatus == .processing)
        let failed = try service.transitionVersion(id: version.id, to: .failed, error: "corrupt PDF")
        #expect(failed.processingStatus == .failed)
        #expect(failed.processingError == "corrupt PDF")
        for target in ProcessingStatus.allCases {
            #expect(throws: ScoresError.self) { try service.transitionVersion(id: version.id, to: target) }
        }
        // Every pair outside the documented graph is refused.
        let legal: Set<String> = ["pending>processing", "processing>completed", "processing>failed"]
        for from in ProcessingStatus.allCases {
            for to in ProcessingStatus.allCases {
                #expect(from.allowedNext.contains(to) == legal.contains("\(from.rawValue)>\(to.rawValue)"))
            }
        }
        #expect(throws: ScoresError.versionNotFound(id: "missing")) { try service.transitionVersion(id: "missing", to: .processing) }
        #expect(throws: ScoresError.scoreNotFound(id: "missing")) { try service.addVersion(scoreID: "missing", format: .abc, r2Key: "k") }
    }

    @Test func pagesAreUniquePerScore() throws {
        let service = try ScoresService.open(dataDirectory: ":memory:")
        let score = try service.addScore(NewScore(title: "Sonatina", composer: "Clementi", opus: "Op. 36 No. 1", instrument: .piano)).score
        _ = try service.addPage(scoreID: score.id, pageNumber: 2, mimeType: "image/png")
        _ = try service.addPage(scoreID: score.id, pageNumber: 1, mimeType: "image/jpeg")
        #expect(throws: ScoresError.duplicatePage(scoreID: score.id, pageNumber: 1)) {
            try service.addPage(scoreID: score.id, pageNumber: 1)
        }
        #expect(throws: ScoresError.self) { try service.addPage(scoreID: score.id, pageNumber: 0) }
        #expect(throws: ScoresError.self) { try service.addPage(scoreID: score.id, pageNumber: 3, mimeType: "image/gif") }
        #expect(try service.pages(scoreID: score.id).map(\.pageNumber) == [1, 2])
    }

    @Test(arguments: DatabaseKind.allCases)
    func collectionMembershipStaysConsistent(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.scores)
        defer { withExtendedLifetime(directory) {} }
        let service = ScoresService(database: database)
        let scores = try (1...4).map { n in
            try service.addScore(NewScore(title: "Study \(n)", composer: "Sor", opus: "Op. 60", instrument: .guitar)).score
        }
        let mine = try service.createCollection(userID: "user-1", name: "My Studies")
        #expect(mine.slug == "my-studies")
        #expect(throws: ScoresError.slugTaken(userID: "user-1", slug: "my-studies")) {
            try service.createCollection(userID: "user-1", name: "My  Studies!")
        }
        _ = try service.createCollection(userID: "user-2", name: "My Studies")  // another user may reuse the slug

        for score in scores { _ = try service.addToCollection(collectionID: mine.id, scoreID: score.id) }
        #expect(throws: ScoresError.alreadyInCollection(collectionID: mine.id, scoreID: scores[0].id)) {
            try service.addToCollection(collectionID: mine.id, scoreID: scores[0].id)
        }
        var current = try service.removeFromCollection(collectionID: mine.id, scoreID: scores[1].id)
        #expect(current.scoreIDs == [scores[0].id, scores[2].id, scores[3].id])
        try service.deleteScore(id: scores[2].id)
        current = try service.collection(id: mine.id)
        #expect(current.scoreIDs == [scores[0].id, scores[3].id])
        #expect(try service.membershipMismatches().isEmpty)

        // A writer that bypasses the service is detected and repaired.
        try service.database.write { db in
            try db.execute(sql: "UPDATE user_collections SET score_ids = '[]' WHERE id = ?", arguments: [mine.id])
        }
        #expect(try service.membershipMismatches().map(\.collectionID) == [mine.id])
        #expect(try service.repairMembership() == 1)
        #expect(try service.membershipMismatches().isEmpty)

        let shared = try service.setVisibility(collectionID: mine.id, to: .shared, changedBy: "user-1")
        #expect(shared.visibility == .shared)
        let logged = try service.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM collection_visibility_log WHERE collection_id = ?", arguments: [mine.id])
        }
        #expect(logged == 1)
    }

    @Test func analyticsCountersAreAtomicUnderConcurrency() async throws {
        let (database, directory) = try DatabaseKind.file.open(.scores)
        defer { withExtendedLifetime(directory) {} }
        let service = ScoresService(database: database)
        let score = try service.addScore(NewScore(title: "Canon", composer: "Pachelbel", instrument: .piano)).score
        // Two independent connections (pools) to the same file, as two processes would have.
        let second = try ScoresService.open(dataDirectory: try #require(directory?.path))
        let services = [service, second]
        let tasks = 8, perTask = 40
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    let service = services[task % services.count]
                    for i in 0..<perTask {
                        try service.increment(i.isMultiple(of: 4) ? .download : .view, scoreID: score.id)
                    }
                }
            }
            try await group.waitForAll()
        }
        let analytics = try second.analytics(scoreID: score.id)
        #expect(analytics.viewCount + analytics.downloadCount == Int64(tasks * perTask))
        #expect(analytics.downloadCount == Int64(tasks * perTask / 4))
        #expect(analytics.lastViewedAt != nil)
        #expect(throws: ScoresError.scoreNotFound(id: "missing")) { try second.increment(.render, scoreID: "missing") }
    }

    @Test func popularOrdersByViewsAndHostileInputIsRefused() throws {
        let service = try ScoresService.open(dataDirectory: ":memory:")
        let a = try service.addScore(NewScore(title: "Arabesque 1", composer: "Debussy", instrument: .piano)).score
        let b = try service.addScore(NewScore(title: "Clair de lune", composer: "Debussy", instrument: .piano)).score
        let hidden = try service.addScore(NewScore(title: "Draft", instrument: .piano, visibility: .private, userID: "u")).score
        for _ in 0..<3 { try service.increment(.view, scoreID: b.id) }
        try service.increment(.view, scoreID: a.id)
        for _ in 0..<9 { try service.increment(.view, scoreID: hidden.id) }
        #expect(try service.popular(limit: 5).map(\.id) == [b.id, a.id])

        let hostile: [NewScore] = [
            NewScore(title: "   ", instrument: .piano),
            NewScore(title: String(repeating: "x", count: 10_000), instrument: .piano),
            NewScore(title: "…!?", instrument: .guitar),
            NewScore(title: "Ok", instrument: .piano, difficultyLevel: 11),
            NewScore(title: "Ok", instrument: .piano, tags: [""]),
        ]
        for input in hostile {
            #expect(throws: ScoresError.self) { try service.addScore(input) }
        }
        #expect(throws: ScoresError.self) { try service.createCollection(userID: "u", name: "!!!") }
        #expect(throws: ScoresError.self) { try service.createCollection(userID: "u", name: "Mine", kind: .platform) }
    }

    @Test func favoritesAreUniquePerUserAndScore() throws {
        let service = try ScoresService.open(dataDirectory: ":memory:")
        let a = try service.addScore(NewScore(title: "Romanza", instrument: .guitar)).score
        let b = try service.addScore(NewScore(title: "Malagueña", composer: "Lecuona", instrument: .piano)).score
        #expect(try service.addFavorite(userID: "u", scoreID: a.id))
        #expect(try !service.addFavorite(userID: "u", scoreID: a.id))
        #expect(try service.addFavorite(userID: "u", scoreID: b.id))
        #expect(try service.favoriteIDs(userID: "u", among: [a.id, "other"]) == [a.id])
        #expect(Set(try service.favorites(userID: "u").map(\.id)) == [a.id, b.id])
        #expect(try service.removeFavorite(userID: "u", scoreID: a.id))
        #expect(try !service.removeFavorite(userID: "u", scoreID: a.id))
        try service.deleteScore(id: b.id)
        #expect(try service.favorites(userID: "u").isEmpty)
        #expect(throws: ScoresError.scoreNotFound(id: "missing")) { try service.addFavorite(userID: "u", scoreID: "missing") }
    }

    @Test func searchUsesIndexesAndFilters() throws {
        let service = try ScoresService.open(dataDirectory: ":memory:")
        _ = try service.addScore(NewScore(title: "Invention 1", composer: "Bach", opus: "BWV 772", instrument: .piano,
                                          difficulty: .intermediate, stylePeriod: .baroque))
        _ = try service.addScore(NewScore(title: "Lute Suite", composer: "J. S. Bach", opus: "BWV 996", instrument: .guitar,
                                          difficulty: .advanced, stylePeriod: .baroque))
        _ = try service.addScore(NewScore(title: "Private Sketch", composer: "Bach", instrument: .piano, stylePeriod: .baroque,
                                          visibility: .private, userID: "owner"))
        _ = try service.addScore(NewScore(title: "Nocturne", composer: "Chopin", opus: "Op. 9 No. 2", instrument: .piano,
                                          difficulty: .advanced, stylePeriod: .romantic))

        #expect(try service.search(ScoreQuery(composer: "js bach")).scores.map(\.title) == ["Invention 1", "Lute Suite"])
        #expect(try service.search(ScoreQuery(composer: "Bach", viewerID: "owner")).scores.count == 3)
        #expect(try service.search(ScoreQuery(instrument: .piano, difficulty: .advanced)).scores.map(\.title) == ["Nocturne"])
        #expect(try service.search(ScoreQuery(stylePeriod: .baroque)).scores.count == 2)
        let page = try service.search(ScoreQuery(limit: 1))
        #expect(page.scores.count == 1 && page.hasMore)

        let queries: [(ScoreQuery, String)] = [
            (ScoreQuery(composer: "Chopin"), "idx_scores_composer"),
            (ScoreQuery(instrument: .guitar), "idx_scores_"),
            (ScoreQuery(difficulty: .advanced), "idx_scores_"),
            (ScoreQuery(stylePeriod: .romantic), "idx_scores_"),
        ]
        for (query, index) in queries {
            let plan = try service.searchPlan(query).joined(separator: " | ")
            #expect(plan.contains("USING INDEX \(index)"), "plan: \(plan)")
            #expect(!plan.contains("SCAN scores"), "full scan: \(plan)")
        }
    }
}
