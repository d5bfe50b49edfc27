import DictStore
import Foundation

extension ScoresService {
    /// Adds a score. Its composer is canonicalized through `composer_aliases`, its normalized id computed by
    /// `ScoreNormalizer`; an existing score with the same id is refused or merged per `policy`.
    /// One transaction; the score gets its analytics row at once.
    package func addScore(_ input: NewScore, onDuplicate policy: DuplicatePolicy = .refuse) async throws -> ScoreAddOutcome {
        var checked = input
        checked.title = try Self.requireText(input.title, field: "title")
        checked.composer = try Self.optionalText(input.composer, field: "composer")
        checked.opus = try Self.optionalText(input.opus, field: "opus")
        if let level = input.difficultyLevel, !(1...10).contains(level) {
            throw ScoresError.invalidInput(field: "difficulty_level", reason: "\(level) is outside 1...10")
        }
        checked.tags = try input.tags.map { try Self.requireText($0, field: "tag") }
        checked.userID = try Self.optionalText(input.userID, field: "user_id")
        return try await store.addScore(checked, onDuplicate: policy, now: Timestamp.now())
    }

    /// The score with this id.
    package func score(id: String) async throws -> Score {
        guard let score = try await store.score(id: id) else { throw ScoresError.scoreNotFound(id: id) }
        return score
    }

    /// Deletes a score; versions, pages, analytics and memberships cascade, and the JSON `score_ids` of the
    /// collections it was in are rewritten in the same transaction.
    package func deleteScore(id: String) async throws {
        guard try await store.deleteScore(id: id, now: Timestamp.now()) else { throw ScoresError.scoreNotFound(id: id) }
    }

    /// Sets `normalized_id` on rows that lack it (rows from before migration 0018), skipping rows whose id is
    /// already taken: those are duplicates for `dedupeReport`. Returns how many rows were filled.
    @discardableResult
    package func backfillNormalizedIDs() async throws -> Int {
        try await store.backfillNormalizedIDs()
    }

    /// Groups of scores that are the same work by the normalizer's rule, recomputed from each row's current
    /// composer, title and opus (so rows without or with a stale `normalized_id` are caught). O(n) over `scores`.
    package func dedupeReport() async throws -> [DuplicateGroup] {
        let (aliases, scores) = try await store.dedupeInputs()
        var groups: [String: [Score]] = [:]
        for score in scores {
            let canonical = score.composer.flatMap { aliases[ScoreNormalizer.composerKey($0)] }
            guard let key = ScoreNormalizer.normalizedID(title: score.title, composer: score.composer, opus: score.opus, canonicalComposer: canonical) else { continue }
            groups[key, default: []].append(score)
        }
        return groups.filter { $0.value.count > 1 }
            .map { DuplicateGroup(normalizedID: $0.key, scores: $0.value) }
            .sorted { $0.normalizedID < $1.normalizedID }
    }
}
