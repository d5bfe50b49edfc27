import DictStore
import DictTesting
import DictionaryCore
import Foundation
import GRDB
import Testing
@testable import DictionarySearch


@Suite struct LookupAndFeedbackTests {
    @Test(arguments: DatabaseKind.allCases)
    func batchLookupNormalizesDeduplicatesAndReportsEachTerm(kind: DatabaseKind) async throws {
        let fixture = try FixtureDictionary(kind: kind)
        let lookup = BatchLookup(store: SQLiteSearchStore(database: fixture.database))
        let items = try await lookup.lookup(["Crescendo", " crescendo ", "STACCATO", "nope", "", "fröhlich"], lang: .en)
        #expect(items.map(\.normalizedTerm) == ["crescendo", "staccato", "nope", "fröhlich"])
        #expect(items.map(\.term) == ["Crescendo", "STACCATO", "nope", "fröhlich"])
        #expect(items.map { $0.entry?.term } == ["crescendo", "staccato", nil, nil])
        #expect(items[0].entry?.lang == .en)
        let chinese = try await lookup.lookup(["渐强"], lang: .zhCN)
        #expect(chinese.first?.entry?.term == "渐强")
        await #expect(throws: SearchError.tooManyTerms(maximum: 50, found: 51)) { try await lookup.lookup((0...50).map { "t\($0)" }, lang: .en) }
        #expect(try await lookup.lookup(Array(repeating: "same", count: 80), lang: .en).count == 1)
    }

    @Test(arguments: DatabaseKind.allCases)
    func feedbackValidatesAndLowRatingsQueueOneEnhancement(kind: DatabaseKind) async throws {
        let fixture = try FixtureDictionary(kind: kind)
        let service = FeedbackService(database: fixture.database)
        let entry = fixture.entries[0]
        await #expect(throws: FeedbackService.FeedbackError.invalidRating(expected: 1...5, found: 6)) { try await service.submit(.init(entryID: entry.id, rating: 6)) }
        await #expect(throws: FeedbackService.FeedbackError.empty) { try await service.submit(.init(entryID: entry.id, text: "   ")) }
        await #expect(throws: FeedbackService.FeedbackError.textTooLong(maximum: 1000, found: 1001)) { try await service.submit(.init(entryID: entry.id, text: String(repeating: "x", count: 1001))) }
        await #expect(throws: FeedbackService.FeedbackError.entryNotFound(id: "missing")) { try await service.submit(.init(entryID: "missing", rating: 1)) }
        try await service.submit(.init(entryID: entry.id, rating: 5, helpful: true, type: .clarity))
        func queued() throws -> [Row] {
            try fixture.database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM enhancement_queue WHERE entry_id = ?", arguments: [entry.id]) }
        }
        #expect(try queued().isEmpty)
        try await service.submit(.init(entryID: entry.id, userID: "u", rating: 2, text: "unclear"))
        try await service.submit(.init(entryID: entry.id, rating: 1))
        let rows = try queued()
        #expect(rows.count == 1)
        #expect(rows.first?["reason"] as String? == "user_feedback")
        #expect(rows.first?["priority"] as Int? == 8)
        let feedbackCount = try fixture.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM user_feedback WHERE entry_id = ?", arguments: [entry.id]) }
        #expect(feedbackCount == 3)
    }

    @Test(arguments: DatabaseKind.allCases)
    func relatedTermsComeBackByConfidence(kind: DatabaseKind) async throws {
        let fixture = try FixtureDictionary(kind: kind)
        let source = fixture.entries[0]
        let targets = Array(fixture.entries[1...7])
        try fixture.database.write { db in
            for (index, target) in targets.enumerated() {
                try db.execute(sql: "INSERT INTO related_terms (id, entry_id, related_entry_id, relationship_type, confidence_score) VALUES (?, ?, ?, 'related', ?)",
                               arguments: [UUID().uuidString.lowercased(), source.id, target.id, Double(index) / 10])
            }
        }
        let store = SQLiteSearchStore(database: fixture.database)
        let related = try await store.relatedTerms(to: source.id, limit: 5)
        #expect(related.map(\.entry.id) == targets.reversed().prefix(5).map(\.id))
        #expect(related.map(\.confidenceScore) == related.map(\.confidenceScore).sorted(by: >))
        #expect(try await store.relatedTerms(to: "nobody", limit: 5).isEmpty)
    }
}
