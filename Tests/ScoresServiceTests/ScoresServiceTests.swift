import DictMigrations
import DictStore
import DictTesting
import Foundation
import Testing
@testable import ScoresService

@Suite struct ScoresServiceTests {
    @Test(arguments: TestEngine.available)
    func duplicateByNormalizedIDIsRefusedOrMerged(engine: TestEngine) async throws {
        try await engine.withService { service, database in
            let first = try await service.addScore(NewScore(title: "Prelude in C Major", composer: "J.S. Bach", opus: "BWV 846",
                                                            instrument: .piano, tags: ["wtc"]))
            guard case .created(let original) = first else { Issue.record("first add did not create"); return }
            #expect(original.composer == "Johann Sebastian Bach")
            #expect(original.normalizedID == "johann-sebastian-bach--prelude-in-c-major--bwv-846")
            #expect(original.slug == "prelude-in-c-major-bwv-846" && original.tags == ["wtc"])
            #expect(try await service.score(id: original.id) == original)

            let variant = NewScore(title: "PRELUDE IN C MAJOR", composer: "Bach", opus: "bwv846", instrument: .piano,
                                   difficulty: .intermediate, stylePeriod: .baroque, tags: ["wtc", "prelude"])
            await #expect(throws: ScoresError.duplicateScore(normalizedID: original.normalizedID ?? "", existingID: original.id)) {
                try await service.addScore(variant)
            }
            let merged = try await service.addScore(variant, onDuplicate: .merge)
            guard case .merged(let score) = merged else { Issue.record("expected a merge"); return }
            #expect(score.id == original.id)
            #expect(score.difficulty == .intermediate)
            #expect(score.stylePeriod == .baroque)
            #expect(score.tags == ["wtc", "prelude"])
            #expect(try await database.strings("SELECT CAST(count(*) AS TEXT) FROM scores") == ["1"])

            // A different opus is a different work, and its slug is the next free one.
            let other = try await service.addScore(NewScore(title: "Prelude in C Major", composer: "Bach", opus: "BWV 924", instrument: .piano))
            #expect(other.score.id != original.id)
            let sameSlug = try await service.addScore(NewScore(title: "Prelude in C Major", composer: "Other", opus: "BWV 846", instrument: .piano))
            #expect(sameSlug.score.slug == "prelude-in-c-major-bwv-846-2")
            await #expect(throws: ScoresError.scoreNotFound(id: "missing")) { try await service.score(id: "missing") }
        }
    }

    /// Eight adds of one work at once (SQLite: two connection pools on one file, as two processes; PostgreSQL:
    /// four connections): one row, every merge's tags kept.
    @Test(arguments: TestEngine.available.filter { $0 != .memory })
    func concurrentAddsOfOneWorkLeaveOneRow(engine: TestEngine) async throws {
        try await engine.withService(sessions: 4) { service, database in
            let services = try database.sqliteDirectory.map { [service, try ScoresService.open(dataDirectory: $0)] } ?? [service]
            let outcomes = try await withThrowingTaskGroup(of: ScoreAddOutcome.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        try await services[task % services.count].addScore(
                            NewScore(title: "Recuerdos de la Alhambra", composer: task.isMultiple(of: 2) ? "Tárrega" : "Francisco Tarrega",
                                     instrument: .guitar, tags: ["tag-\(task)"]), onDuplicate: .merge)
                    }
                }
                return try await group.reduce(into: [ScoreAddOutcome]()) { $0.append($1) }
            }
            let created = outcomes.filter { if case .created = $0 { true } else { false } }
            #expect(created.count == 1)
            #expect(Set(outcomes.map(\.score.id)).count == 1)
            let stored = try await service.score(id: outcomes[0].score.id)
            #expect(Set(stored.tags) == Set((0..<8).map { "tag-\($0)" }))
            #expect(try await database.strings("SELECT CAST(count(*) AS TEXT) FROM scores") == ["1"])
        }
    }

    @Test(arguments: TestEngine.available)
    func dedupeReportFindsLegacyDuplicates(engine: TestEngine) async throws {
        try await engine.withService { service, database in
            // Rows written before 0018 (no normalized_id), spelled differently.
            try await database.execute("""
                INSERT INTO scores (id, title, composer, opus, instrument) VALUES
                    ('00000000-0000-4000-8000-00000000000a', 'Lágrima', 'Tárrega', NULL, 'GUITAR'),
                    ('00000000-0000-4000-8000-00000000000b', 'Lagrima', 'Francisco Tarrega', NULL, 'GUITAR'),
                    ('00000000-0000-4000-8000-00000000000c', 'Adelita', 'Tárrega', NULL, 'GUITAR')
                """)
            let report = try await service.dedupeReport()
            #expect(report.count == 1)
            #expect(report.first?.normalizedID == "francisco-tarrega--lagrima")
            #expect(Set(report.first?.scores.map(\.id) ?? []) == ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"])
            // Backfill fills one of the pair and Adelita; the second Lágrima stays NULL (the unique index refuses it).
            #expect(try await service.backfillNormalizedIDs() == 2)
            #expect(try await service.backfillNormalizedIDs() == 0)
        }
    }

    @Test(arguments: TestEngine.available)
    func versionStatusTransitions(engine: TestEngine) async throws {
        try await engine.withService { service, _ in
            let score = try await service.addScore(NewScore(title: "Gymnopédie No. 1", composer: "Satie", instrument: .piano)).score
            let version = try await service.addVersion(scoreID: score.id, format: .pdf, r2Key: "scores/g1.pdf", fileSize: 1_234)
            #expect(version.processingStatus == .pending && version.fileSize == 1_234)
            await #expect(throws: ScoresError.illegalTransition(versionID: version.id, from: .pending, to: .completed)) {
                try await service.transitionVersion(id: version.id, to: .completed)
            }
            let processing = try await service.transitionVersion(id: version.id, to: .processing, error: "ignored")
            #expect(processing.processingStatus == .processing && processing.processingError == nil)
            let failed = try await service.transitionVersion(id: version.id, to: .failed, error: "corrupt PDF")
            #expect(failed.processingStatus == .failed)
            #expect(failed.processingError == "corrupt PDF")
            for target in ProcessingStatus.allCases {
                await #expect(throws: ScoresError.self) { try await service.transitionVersion(id: version.id, to: target) }
            }
            // Every pair outside the documented graph is refused.
            let legal: Set<String> = ["pending>processing", "processing>completed", "processing>failed"]
            for from in ProcessingStatus.allCases {
                for to in ProcessingStatus.allCases {
                    #expect(from.allowedNext.contains(to) == legal.contains("\(from.rawValue)>\(to.rawValue)"))
                }
            }
            await #expect(throws: ScoresError.versionNotFound(id: "missing")) { try await service.transitionVersion(id: "missing", to: .processing) }
            await #expect(throws: ScoresError.scoreNotFound(id: "missing")) { try await service.addVersion(scoreID: "missing", format: .abc, r2Key: "k") }
            #expect(try await service.versions(scoreID: score.id) == [failed])
        }
    }

    @Test(arguments: TestEngine.available)
    func pagesAreUniquePerScore(engine: TestEngine) async throws {
        try await engine.withService { service, _ in
            let score = try await service.addScore(NewScore(title: "Sonatina", composer: "Clementi", opus: "Op. 36 No. 1", instrument: .piano)).score
            _ = try await service.addPage(scoreID: score.id, pageNumber: 2, mimeType: "image/png")
            let first = try await service.addPage(scoreID: score.id, pageNumber: 1, imageURL: "https://example.com/1.jpg", mimeType: "image/jpeg")
            #expect(first.imageURL == "https://example.com/1.jpg" && first.thumbnailURL == nil)
            await #expect(throws: ScoresError.duplicatePage(scoreID: score.id, pageNumber: 1)) {
                try await service.addPage(scoreID: score.id, pageNumber: 1)
            }
            await #expect(throws: ScoresError.self) { try await service.addPage(scoreID: score.id, pageNumber: 0) }
            await #expect(throws: ScoresError.self) { try await service.addPage(scoreID: score.id, pageNumber: 3, mimeType: "image/gif") }
            await #expect(throws: ScoresError.scoreNotFound(id: "missing")) { try await service.addPage(scoreID: "missing", pageNumber: 1) }
            #expect(try await service.pages(scoreID: score.id).map(\.pageNumber) == [1, 2])
        }
    }

    @Test(arguments: TestEngine.available)
    func collectionMembershipStaysConsistent(engine: TestEngine) async throws {
        try await engine.withService { service, database in
            var scores: [Score] = []
            for n in 1...4 {
                scores.append(try await service.addScore(NewScore(title: "Study \(n)", composer: "Sor", opus: "Op. 60", instrument: .guitar)).score)
            }
            let mine = try await service.createCollection(userID: "user-1", name: "My Studies")
            #expect(mine.slug == "my-studies" && mine.scoreIDs.isEmpty && mine.kind == .personal && mine.visibility == .private)
            await #expect(throws: ScoresError.slugTaken(userID: "user-1", slug: "my-studies")) {
                try await service.createCollection(userID: "user-1", name: "My  Studies!")
            }
            _ = try await service.createCollection(userID: "user-2", name: "My Studies")  // another user may reuse the slug

            for score in scores { _ = try await service.addToCollection(collectionID: mine.id, scoreID: score.id) }
            await #expect(throws: ScoresError.alreadyInCollection(collectionID: mine.id, scoreID: scores[0].id)) {
                try await service.addToCollection(collectionID: mine.id, scoreID: scores[0].id)
            }
            await #expect(throws: ScoresError.collectionNotFound(id: "missing")) { try await service.addToCollection(collectionID: "missing", scoreID: scores[0].id) }
            await #expect(throws: ScoresError.scoreNotFound(id: "missing")) { try await service.addToCollection(collectionID: mine.id, scoreID: "missing") }
            var current = try await service.removeFromCollection(collectionID: mine.id, scoreID: scores[1].id)
            #expect(current.scoreIDs == [scores[0].id, scores[2].id, scores[3].id])
            await #expect(throws: ScoresError.notInCollection(collectionID: mine.id, scoreID: scores[1].id)) {
                try await service.removeFromCollection(collectionID: mine.id, scoreID: scores[1].id)
            }
            try await service.deleteScore(id: scores[2].id)
            await #expect(throws: ScoresError.scoreNotFound(id: scores[2].id)) { try await service.deleteScore(id: scores[2].id) }
            current = try await service.collection(id: mine.id)
            #expect(current.scoreIDs == [scores[0].id, scores[3].id])
            // Re-added after the others: last in display order.
            current = try await service.addToCollection(collectionID: mine.id, scoreID: scores[1].id)
            #expect(current.scoreIDs == [scores[0].id, scores[3].id, scores[1].id])
            #expect(try await service.membershipMismatches().isEmpty)
            #expect(try await service.collections(userID: "user-1").map(\.id) == [mine.id])

            // A writer that bypasses the service is detected and repaired.
            try await database.execute("UPDATE user_collections SET score_ids = '[]' WHERE id = '\(mine.id)'")
            #expect(try await service.membershipMismatches().map(\.collectionID) == [mine.id])
            #expect(try await service.repairMembership() == 1)
            #expect(try await service.membershipMismatches().isEmpty)
            #expect(try await service.repairMembership() == 0)

            let shared = try await service.setVisibility(collectionID: mine.id, to: .shared, changedBy: "user-1")
            #expect(shared.visibility == .shared)
            #expect(try await service.setVisibility(collectionID: mine.id, to: .shared, changedBy: "user-1") == shared)
            #expect(try await database.strings("SELECT CAST(count(*) AS TEXT) FROM collection_visibility_log WHERE collection_id = '\(mine.id)'") == ["1"])
            let platform = try await service.createPlatformCollection(name: "Staff Picks")
            #expect(platform.kind == .platform && platform.userID == ScoreCollection.platformOwner && platform.visibility == .public)
        }
    }

    /// Eight tasks counting at once (SQLite: two connection pools on one file, as two processes; PostgreSQL: four
    /// connections): no increment is lost.
    @Test(arguments: TestEngine.available.filter { $0 != .memory })
    func analyticsCountersAreAtomicUnderConcurrency(engine: TestEngine) async throws {
        try await engine.withService(sessions: 4) { service, database in
            let score = try await service.addScore(NewScore(title: "Canon", composer: "Pachelbel", instrument: .piano)).score
            let services = try database.sqliteDirectory.map { [service, try ScoresService.open(dataDirectory: $0)] } ?? [service]
            let tasks = 8, perTask = 40
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<tasks {
                    group.addTask {
                        let service = services[task % services.count]
                        for i in 0..<perTask {
                            try await service.increment(i.isMultiple(of: 4) ? .download : .view, scoreID: score.id)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let analytics = try await services[services.count - 1].analytics(scoreID: score.id)
            #expect(analytics.viewCount + analytics.downloadCount == Int64(tasks * perTask))
            #expect(analytics.downloadCount == Int64(tasks * perTask / 4) && analytics.renderCount == 0)
            #expect(analytics.lastViewedAt != nil)
            await #expect(throws: ScoresError.scoreNotFound(id: "missing")) { try await service.increment(.render, scoreID: "missing") }
            await #expect(throws: ScoresError.scoreNotFound(id: "missing")) { try await service.analytics(scoreID: "missing") }
        }
    }

    @Test(arguments: TestEngine.available)
    func popularOrdersByViewsAndHostileInputIsRefused(engine: TestEngine) async throws {
        try await engine.withService { service, _ in
            let a = try await service.addScore(NewScore(title: "Arabesque 1", composer: "Debussy", instrument: .piano)).score
            let b = try await service.addScore(NewScore(title: "Clair de lune", composer: "Debussy", instrument: .piano)).score
            let hidden = try await service.addScore(NewScore(title: "Draft", instrument: .piano, visibility: .private, userID: "u")).score
            for _ in 0..<3 { try await service.increment(.view, scoreID: b.id) }
            try await service.increment(.view, scoreID: a.id)
            for _ in 0..<9 { try await service.increment(.view, scoreID: hidden.id) }
            #expect(try await service.popular(limit: 5).map(\.id) == [b.id, a.id])
            #expect(try await service.analytics(scoreID: a.id).viewCount == 1)

            let hostile: [NewScore] = [
                NewScore(title: "   ", instrument: .piano),
                NewScore(title: String(repeating: "x", count: 10_000), instrument: .piano),
                NewScore(title: "…!?", instrument: .guitar),
                NewScore(title: "Ok", instrument: .piano, difficultyLevel: 11),
                NewScore(title: "Ok", instrument: .piano, tags: [""]),
            ]
            for input in hostile {
                await #expect(throws: ScoresError.self) { try await service.addScore(input) }
            }
            await #expect(throws: ScoresError.self) { try await service.createCollection(userID: "u", name: "!!!") }
            await #expect(throws: ScoresError.self) { try await service.createCollection(userID: "u", name: "Mine", kind: .platform) }
        }
    }

    @Test(arguments: TestEngine.available)
    func favoritesAreUniquePerUserAndScore(engine: TestEngine) async throws {
        try await engine.withService { service, _ in
            let a = try await service.addScore(NewScore(title: "Romanza", instrument: .guitar)).score
            let b = try await service.addScore(NewScore(title: "Malagueña", composer: "Lecuona", instrument: .piano)).score
            #expect(try await service.addFavorite(userID: "u", scoreID: a.id))
            #expect(try await !service.addFavorite(userID: "u", scoreID: a.id))
            #expect(try await service.addFavorite(userID: "u", scoreID: b.id))
            #expect(try await service.favoriteIDs(userID: "u", among: [a.id, "other"]) == [a.id])
            #expect(Set(try await service.favorites(userID: "u").map(\.id)) == [a.id, b.id])
            #expect(try await service.removeFavorite(userID: "u", scoreID: a.id))
            #expect(try await !service.removeFavorite(userID: "u", scoreID: a.id))
            try await service.deleteScore(id: b.id)
            #expect(try await service.favorites(userID: "u").isEmpty)
            await #expect(throws: ScoresError.scoreNotFound(id: "missing")) { try await service.addFavorite(userID: "u", scoreID: "missing") }
        }
    }

    @Test(arguments: TestEngine.available)
    func searchUsesIndexesAndFilters(engine: TestEngine) async throws {
        try await engine.withService { service, database in
            _ = try await service.addScore(NewScore(title: "Invention 1", composer: "Bach", opus: "BWV 772", instrument: .piano,
                                                    difficulty: .intermediate, stylePeriod: .baroque))
            _ = try await service.addScore(NewScore(title: "Lute Suite", composer: "J. S. Bach", opus: "BWV 996", instrument: .guitar,
                                                    difficulty: .advanced, stylePeriod: .baroque))
            _ = try await service.addScore(NewScore(title: "Private Sketch", composer: "Bach", instrument: .piano, stylePeriod: .baroque,
                                                    visibility: .private, userID: "owner"))
            _ = try await service.addScore(NewScore(title: "Nocturne", composer: "Chopin", opus: "Op. 9 No. 2", instrument: .piano,
                                                    difficulty: .advanced, stylePeriod: .romantic))

            #expect(try await service.search(ScoreQuery(composer: "js bach")).scores.map(\.title) == ["Invention 1", "Lute Suite"])
            #expect(try await service.search(ScoreQuery(composer: "Bach", viewerID: "owner")).scores.count == 3)
            #expect(try await service.search(ScoreQuery(instrument: .piano, difficulty: .advanced)).scores.map(\.title) == ["Nocturne"])
            #expect(try await service.search(ScoreQuery(stylePeriod: .baroque)).scores.count == 2)
            let page = try await service.search(ScoreQuery(limit: 1))
            #expect(page.scores.count == 1 && page.hasMore)
            let next = try await service.search(ScoreQuery(limit: 2, offset: 1))
            #expect(next.scores.map(\.title) == ["Lute Suite", "Nocturne"] && !next.hasMore)

            let queries: [(ScoreQuery, String)] = [
                (ScoreQuery(composer: "Chopin"), "idx_scores_composer"),
                (ScoreQuery(instrument: .guitar), "idx_scores_"),
                (ScoreQuery(difficulty: .advanced), "idx_scores_"),
                (ScoreQuery(stylePeriod: .romantic), "idx_scores_"),
            ]
            for (query, index) in queries {
                let plan = try await service.searchPlan(query).joined(separator: " | ")
                if database.isPostgres {
                    // PostgreSQL plans by statistics: on four rows a sequential scan is the right plan.
                    #expect(plan.contains("scores"), "plan: \(plan)")
                } else {
                    #expect(plan.contains("USING INDEX \(index)"), "plan: \(plan)")
                    #expect(!plan.contains("SCAN scores"), "full scan: \(plan)")
                }
            }
        }
    }
}
