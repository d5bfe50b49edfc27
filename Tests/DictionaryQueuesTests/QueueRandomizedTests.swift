import DictMigrations
import DictStore
import DictTesting
import Foundation
import GRDB
import Testing
@testable import DictionaryQueues

/// Random interleavings of claims, progress, failures, releases, crashes (abandoned leases) and clock jumps by
/// several workers: no item is ever lost, no language is completed twice, and draining ends every item completed
/// or dead-lettered.
@Suite struct QueueRandomizedTests {
    @Test func randomWorkersNeverLoseOrDuplicateWork() throws {
        let seed = UInt64(Date().timeIntervalSince1970 * 1_000) & 0xFFFF_FFFF
        print("randomWorkersNeverLoseOrDuplicateWork seed: \(seed)")
        var random = SeededGenerator(seed: seed)
        let database = try Service.dictionary.openInMemory()
        let clock = FakeClock()
        let policy = RetryPolicy(maxAttempts: 3, base: .seconds(1), cap: .seconds(4))
        let queue = SeedQueue(database: database, policy: policy, clock: clock)
        let engine = queue.engine
        var ids: Set<String> = []
        for index in 0..<30 {
            let languages = Array(SeedLanguages.supported.shuffled(using: &random).prefix(Int.random(in: 1...3, using: &random)))
            ids.insert(try queue.enqueue(term: "term \(index)", languages: languages, priority: Int.random(in: 1...10, using: &random)).itemID)
        }
        let owners = ["a", "b", "c"]
        var held: [String: [String]] = [:]
        var doneLanguages: Set<String> = []

        func checkInvariants(_ step: Int) throws {
            let (queued, dead, overAttempts) = try database.read { db in
                (Set(try String.fetchAll(db, sql: "SELECT id FROM seed_queue")),
                 Set(try String.fetchAll(db, sql: "SELECT original_id FROM dead_letter_queue")),
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM seed_queue WHERE attempts > ?", arguments: [policy.maxAttempts]) ?? 0)
            }
            #expect(queued.isDisjoint(with: dead), "seed \(seed) step \(step): an item is in both places")
            #expect(queued.union(dead) == ids, "seed \(seed) step \(step): an item was lost")
            #expect(overAttempts == 0, "seed \(seed) step \(step)")
        }

        func finishLanguage(_ id: String, owner: String) throws {
            // A stale worker's item may have been dead-lettered meanwhile: nothing to do then.
            guard let item = try queue.item(id: id), let lang = item.languages.first else { return }
            try database.write { db in _ = try queue.markLanguageDone(db, itemID: id, owner: owner, language: lang) }
            let inserted = doneLanguages.insert("\(id)/\(lang)").inserted
            #expect(inserted, "seed \(seed): \(id)/\(lang) completed twice")
        }

        for step in 0..<1_000 {
            let owner = owners.randomElement(using: &random)!
            switch Int.random(in: 0..<10, using: &random) {
            case 0...2:
                let claimed = try queue.claim(owner: owner, limit: Int.random(in: 1...3, using: &random), leaseDuration: 10)
                held[owner, default: []] += claimed.map(\.id)
            case 3...7:
                guard var mine = held[owner], !mine.isEmpty else { continue }
                let id = mine.remove(at: Int.random(in: 0..<mine.count, using: &random))
                held[owner] = mine
                do {
                    switch Int.random(in: 0..<6, using: &random) {
                    case 0, 1:
                        try finishLanguage(id, owner: owner)
                        if try queue.item(id: id)?.status == "processing" { held[owner, default: []].append(id) }
                    case 2:
                        let failure = ClassifiedFailure(message: "api timeout", type: .apiError, isRetryable: true)
                        _ = try database.write { db in try engine.fail(db, itemID: id, owner: owner, failure: failure) }
                    case 3:
                        let failure = ClassifiedFailure(message: "constraint", type: .databaseError, isRetryable: false)
                        _ = try database.write { db in try engine.fail(db, itemID: id, owner: owner, failure: failure) }
                    case 4:
                        try database.write { db in try engine.release(db, itemID: id, owner: owner, refundAttempt: true) }
                    default:
                        break // the worker "crashes": the lease is abandoned
                    }
                } catch QueueError.leaseLost {
                    // The lease expired and someone reaped or reclaimed the item: the stale worker commits nothing.
                }
            default:
                clock.advance(by: Double.random(in: 0...6, using: &random))
            }
            try checkInvariants(step)
        }

        // Drain with one well-behaved worker.
        clock.advance(by: 3_600)
        var rounds = 0
        while rounds < 1_000 {
            rounds += 1
            let claimed = try queue.claim(owner: "drain", limit: 10, leaseDuration: 10)
            if claimed.isEmpty {
                let pending = try TableRows.count(database, "seed_queue", where: "status <> 'completed'")
                if pending == 0 { break }
                clock.advance(by: 60)
                continue
            }
            for item in claimed {
                for _ in item.languages { try finishLanguage(item.id, owner: "drain") }
            }
        }
        try checkInvariants(-1)
        let completed = try queue.items(status: "completed", limit: 1_000)
        let dead = try DeadLetterQueue(database: database).list(limit: 1_000)
        #expect(completed.count + dead.count == ids.count, "seed \(seed)")
        for item in completed {
            #expect(item.languages.isEmpty)
            for lang in item.completedLanguages { #expect(doneLanguages.contains("\(item.id)/\(lang)"), "seed \(seed)") }
        }
    }
}
